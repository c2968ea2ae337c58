import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocketServer } from 'ws';
import type { ExplorerContext } from '../explorerContext.ts';
import { BEARER_CHALLENGE, refuseUpgrade } from '../http/respond.ts';
import { clientAddress } from '../limits/clientAddress.ts';
import { hostAllowed } from '../limits/hostAllowed.ts';
import { originAllowed } from '../originAllowed.ts';
import { sessionConnection } from '../session/sessionConnection.ts';

/**
 * A WebSocket upgrade on /ws, authenticated during the HTTP upgrade (as `ws` recommends): the Host
 * must be one this explorer serves (421), the Origin its own or an allowed one (403), the process
 * not draining nor full (503), the client address under its socket cap (429), and with sign-in on
 * the token valid (401). The client's slot is taken before the token check, so concurrent
 * upgrades cannot all slip under the cap; it is given back when the socket closes.
 */
export async function handleUpgrade(
  ctx: ExplorerContext,
  wss: WebSocketServer,
  request: IncomingMessage,
  socket: Duplex,
  head: Buffer,
): Promise<void> {
  socket.on('error', () => {});
  const url = new URL(request.url ?? '/', 'http://explorer.invalid');
  if (url.pathname !== '/ws') return refuseUpgrade(socket, 404);
  if (!hostAllowed(request, ctx.hostNames)) {
    ctx.log.warn('upgrade refused: host not served', { host: request.headers.host ?? null });
    return refuseUpgrade(socket, 421);
  }
  if (!originAllowed(request, ctx.allowedOrigins)) {
    ctx.log.warn('upgrade refused: origin not allowed', { origin: request.headers.origin ?? null });
    return refuseUpgrade(socket, 403);
  }
  if (ctx.draining) return refuseUpgrade(socket, 503);
  if (ctx.connections.size >= ctx.limits.maxSessions) {
    ctx.log.warn('upgrade refused: session cap reached', { maxSessions: ctx.limits.maxSessions });
    return refuseUpgrade(socket, 503);
  }
  const client = clientAddress(request, ctx.trustedProxyHops);
  if (!ctx.clients.acquire('sockets', client, ctx.limits.maxSessionsPerClient)) {
    ctx.log.warn('upgrade refused: client socket cap reached', { client });
    return refuseUpgrade(socket, 429);
  }
  const release = () => ctx.clients.release('sockets', client);
  const caller = await ctx.auth.authenticate(request);
  if (!caller.ok) {
    release();
    return refuseUpgrade(
      socket,
      caller.status,
      caller.message,
      caller.status === 401 ? BEARER_CHALLENGE : {},
    );
  }
  if (socket.destroyed || ctx.draining) {
    release();
    if (!socket.destroyed) refuseUpgrade(socket, 503);
    return;
  }
  wss.handleUpgrade(request, socket, head, (ws) => {
    ws.once('close', release);
    sessionConnection(ctx, ws, { user: caller.user, client });
  });
}
