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

/** The page's link to the report site: the address goes into its `tubelens-site-url` meta tag. */
export function withSiteUrl(html: string, siteUrl: string | undefined): string {
  if (!siteUrl) return html;
  const attribute = siteUrl.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  return html.replace(
    '<meta name="tubelens-site-url" content="">',
    `<meta name="tubelens-site-url" content="${attribute}">`,
  );
}

/**
 * Reads the built page and assets into memory once (a few hundred KB). Serving from a fixed map
 * means no request path ever reaches the file system. `siteUrl` is written into the page.
 */
export async function loadStaticAssets(
  dir: string,
  page: { readonly siteUrl?: string } = {},
): Promise<Map<string, StaticAsset>> {
  const assets = new Map<string, StaticAsset>();
  const walk = async (sub: string) => {
    for (const entry of await readdir(path.join(dir, sub), { withFileTypes: true })) {
      const rel = path.posix.join(sub, entry.name);
      if (entry.isDirectory()) await walk(rel);
      else {
        const raw = await readFile(path.join(dir, rel));
        const body =
          rel === 'index.html' ? Buffer.from(withSiteUrl(raw.toString('utf8'), page.siteUrl)) : raw;
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
