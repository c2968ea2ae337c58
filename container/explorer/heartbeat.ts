import type { ExplorerContext } from './explorerContext.ts';
import { connectedTtl } from './session/saveSession.ts';

/**
 * Every ping interval: terminates sockets that missed the last pong, pings the rest, and extends
 * the stored lifetime of the sessions they hold. Returns the stopper.
 */
export function startHeartbeat(ctx: ExplorerContext): () => void {
  const timer = setInterval(() => {
    const ids: string[] = [];
    for (const connection of ctx.connections) {
      if (!connection.alive) {
        connection.socket.terminate();
        continue;
      }
      connection.alive = false;
      connection.socket.ping();
      if (connection.sessionId) ids.push(connection.sessionId);
    }
    ctx.store.touch(ids, connectedTtl(ctx)).catch((error) => {
      ctx.log.error('session touch failed', { error: (error as Error).message });
    });
  }, ctx.limits.pingIntervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
