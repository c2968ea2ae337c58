import type { IncomingMessage } from 'node:http';

/**
 * Whether a WebSocket upgrade comes from a page we serve: its Origin is one of `allowed` or the
 * explorer's own origin (the Host it was reached at, over https when a proxy says so). A missing
 * Origin is refused: browsers always send one, so only scripts omit it.
 */
export function originAllowed(request: IncomingMessage, allowed: readonly string[]): boolean {
  const origin = request.headers.origin;
  if (!origin) return false;
  if (allowed.includes(origin)) return true;
  const host = request.headers.host;
  if (!host) return false;
  const forwarded = String(request.headers['x-forwarded-proto'] ?? '')
    .split(',')[0]
    ?.trim();
  const scheme = forwarded === 'https' || forwarded === 'http' ? forwarded : 'http';
  return origin === `${scheme}://${host}`;
}
