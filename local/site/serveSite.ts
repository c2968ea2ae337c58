import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { hostAllowed, hostNameOf } from '../../container/explorer/limits/hostAllowed.ts';
import { directoryObjectStore } from '../../functions/refresh/objectStore/directoryObjectStore.ts';
import type { ObjectStore } from '../../functions/refresh/objectStore/ObjectStore.ts';

export interface ServeSiteOptions {
  /** The built site (`site/dist`). */
  readonly siteDir: string;
  /** A directory the refresh published into (`tubelens refresh --out DIR`): keys are paths below it. */
  readonly dataDir?: string;
  /** Any object store the refresh published into (e.g. the local S3); wins over `dataDir`. */
  readonly dataSource?: Pick<ObjectStore, 'get'>;
  /** Key prefix of the published data (the refresh's REPORT_PREFIX); default `data/`. */
  readonly dataPrefix?: string;
  /** Serve the site under this path (e.g. `/reports/`) to mimic a sub-path deployment; default `/`. */
  readonly basePath?: string;
  /** 0 (default) picks a free port. */
  readonly port?: number;
  readonly host?: string;
}

export interface ServedSite {
  /** The site's URL, ending in the base path, e.g. `http://127.0.0.1:4321/`. */
  readonly url: string;
  close(): Promise<void>;
}

export class ServeSiteError extends Error {
  override name = 'ServeSiteError';
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};
const typeOf = (file: string) => contentTypes[path.extname(file).toLowerCase()] ?? 'application/octet-stream';

// Hashed build assets and data generations never change; pages and the manifest must revalidate.
const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';

/**
 * Serves the built report site plus the published data the way S3 behind CloudFront would:
 * files only (no `/route` → `/route/index.html` magic beyond the root), the data under
 * `<base>data/`, gzip-encoded objects sent with `Content-Encoding: gzip` (or decoded for a client
 * that does not accept gzip), and the right Content-Type and cache headers.
 */
export async function serveSite(options: ServeSiteOptions): Promise<ServedSite> {
  const siteDir = path.resolve(options.siteDir);
  const basePath = normaliseBase(options.basePath ?? '/');
  const dataPrefix = options.dataPrefix ?? 'data/';
  const store = options.dataSource ?? (options.dataDir ? directoryObjectStore(options.dataDir) : undefined);
  const index = await stat(path.join(siteDir, 'index.html')).catch(() => null);
  if (!index?.isFile()) {
    throw new ServeSiteError(`${siteDir} has no index.html: build the site first (npm run build)`);
  }

  const server = http.createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      console.error(`serveSite: ${request.url}: ${(error as Error).message}`);
      if (!response.headersSent) send(response, 500, 'text/plain; charset=utf-8', 'Internal error');
      else response.destroy();
    });
  });

  // Loopback names, and the address it was told to listen on: a page whose DNS name was rebound
  // to this machine sends its own name as Host and gets nothing.
  const listenHost = options.host ?? '127.0.0.1';
  const hostNames = new Set(
    ['0.0.0.0', '::'].includes(listenHost) ? [] : [hostNameOf(listenHost) ?? listenHost],
  );

  async function handle(request: http.IncomingMessage, response: http.ServerResponse) {
    response.setHeader('X-Content-Type-Options', 'nosniff');
    if (!hostAllowed(request, hostNames)) {
      return send(response, 421, 'text/plain; charset=utf-8', 'This server answers only to its own address.');
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.setHeader('Allow', 'GET, HEAD');
      return send(response, 405, 'text/plain; charset=utf-8', 'Method not allowed');
    }
    const { pathname } = new URL(request.url ?? '/', 'http://localhost');
    if (basePath !== '/' && pathname === basePath.slice(0, -1)) {
      response.setHeader('Location', basePath);
      return send(response, 301, 'text/plain; charset=utf-8', `Moved to ${basePath}`);
    }
    if (!pathname.startsWith(basePath)) return notFound(response);
    let relative: string;
    try {
      relative = decodeURIComponent(pathname.slice(basePath.length));
    } catch {
      return send(response, 400, 'text/plain; charset=utf-8', 'Bad URL encoding');
    }
    if (relative === '' || relative.endsWith('/')) relative += 'index.html';
    if (relative.split('/').some((part) => part === '..' || part === '.')) return notFound(response);

    if (relative.startsWith(dataPrefix)) {
      if (!store) return notFound(response);
      return serveObject(request, response, store, relative);
    }
    const file = path.join(siteDir, relative);
    if (!file.startsWith(siteDir + path.sep)) return notFound(response);
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) return notFound(response);
    const headers: http.OutgoingHttpHeaders = {
      'Content-Type': typeOf(file),
      'Cache-Control': relative.startsWith('_astro/') ? IMMUTABLE : REVALIDATE,
    };
    // Text is compressed as CloudFront's automatic compression would (the benchmark and
    // Lighthouse measure what a visitor receives).
    if (COMPRESSIBLE.has(path.extname(file)) && acceptsGzip(request)) {
      const body = await compressed(file, info.mtimeMs);
      response.writeHead(200, {
        ...headers,
        'Content-Encoding': 'gzip',
        Vary: 'Accept-Encoding',
        'Content-Length': body.byteLength,
      });
      return response.end(request.method === 'HEAD' ? undefined : body);
    }
    response.writeHead(200, { ...headers, 'Content-Length': info.size });
    if (request.method === 'HEAD') return response.end();
    createReadStream(file).pipe(response);
  }

  const gzipCache = new Map<string, { mtimeMs: number; body: Buffer }>();
  async function compressed(file: string, mtimeMs: number): Promise<Buffer> {
    const hit = gzipCache.get(file);
    if (hit && hit.mtimeMs === mtimeMs) return hit.body;
    const body = gzipSync(await readFile(file));
    gzipCache.set(file, { mtimeMs, body });
    return body;
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host ?? '127.0.0.1';
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}${basePath}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

async function serveObject(
  request: http.IncomingMessage,
  response: http.ServerResponse,
  store: Pick<ObjectStore, 'get'>,
  key: string,
) {
  const object = await store.get(key);
  if (!object) return notFound(response);
  const gzipped = object.contentEncoding === 'gzip';
  const gzipOk = acceptsGzip(request);
  const body = gzipped && !gzipOk ? gunzipSync(object.body) : object.body;
  const headers: http.OutgoingHttpHeaders = {
    'Content-Type': object.contentType ?? typeOf(key),
    'Content-Length': body.byteLength,
    'Cache-Control': object.cacheControl ?? (key.endsWith('manifest.json') ? REVALIDATE : IMMUTABLE),
  };
  if (gzipped) headers.Vary = 'Accept-Encoding';
  if (gzipped && gzipOk) headers['Content-Encoding'] = 'gzip';
  response.writeHead(200, headers);
  response.end(request.method === 'HEAD' ? undefined : body);
}

const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.svg', '.json', '.txt']);

function acceptsGzip(request: http.IncomingMessage): boolean {
  return /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''));
}

function notFound(response: http.ServerResponse) {
  send(response, 404, 'text/plain; charset=utf-8', 'Not found');
}

function send(response: http.ServerResponse, status: number, type: string, text: string) {
  response.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(text) });
  response.end(text);
}

function normaliseBase(base: string): string {
  let b = base.trim() || '/';
  if (!b.startsWith('/')) b = `/${b}`;
  if (!b.endsWith('/')) b = `${b}/`;
  if (b.includes('..')) throw new ServeSiteError(`basePath must not contain "..": ${base}`);
  return b;
}
