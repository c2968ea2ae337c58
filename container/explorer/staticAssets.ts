import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
};

export interface StaticAsset {
  readonly body: Buffer;
  readonly type: string;
  readonly etag: string;
}

/**
 * Reads the built page and assets into memory once (a few hundred KB). Serving from a fixed map
 * means no request path ever reaches the file system.
 */
export async function loadStaticAssets(dir: string): Promise<Map<string, StaticAsset>> {
  const assets = new Map<string, StaticAsset>();
  const walk = async (sub: string) => {
    for (const entry of await readdir(path.join(dir, sub), { withFileTypes: true })) {
      const rel = path.posix.join(sub, entry.name);
      if (entry.isDirectory()) await walk(rel);
      else {
        const body = await readFile(path.join(dir, rel));
        const type = TYPES[path.extname(entry.name)] ?? 'application/octet-stream';
        const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
        assets.set(`/${rel}`, { body, type, etag });
      }
    }
  };
  await walk('');
  const index = assets.get('/index.html');
  if (!index) throw new Error(`no index.html in ${dir}: run npm run build:explorer`);
  assets.set('/', index);
  return assets;
}
