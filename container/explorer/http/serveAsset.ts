import type { IncomingMessage, ServerResponse } from 'node:http';
import { SECURITY_HEADERS } from '../securityHeaders.ts';
import type { StaticAsset } from '../staticAssets.ts';

/** One built file from memory, revalidated by ETag; the page itself is never cached stale. */
export function serveAsset(
  request: IncomingMessage,
  response: ServerResponse,
  path: string,
  asset: StaticAsset,
): void {
  if (request.headers['if-none-match'] === asset.etag) {
    response.writeHead(304, { ...SECURITY_HEADERS, etag: asset.etag });
    response.end();
    return;
  }
  response.writeHead(200, {
    ...SECURITY_HEADERS,
    'content-type': asset.type,
    etag: asset.etag,
    'cache-control': path === '/' || path.endsWith('.html') ? 'no-cache' : 'public, max-age=300',
  });
  response.end(request.method === 'HEAD' ? undefined : asset.body);
}
