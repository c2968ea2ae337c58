import type { ExplorerContext } from '../explorerContext.ts';
import type { Connection } from './connection.ts';
import { send } from './sendToClient.ts';

/** How long a connected session's record lives: refreshed at every heartbeat well before then. */
export const connectedTtl = (ctx: ExplorerContext) =>
  ctx.limits.resumeWindowMs + 2 * ctx.limits.pingIntervalMs;

/**
 * Saves the connection's session. The store never fails a session (it falls back to memory); when
 * that changes whether the session could move to another process, the client is told (unless
 * `tell` is false: the welcome carries it).
 */
export async function saveSession(
  ctx: ExplorerContext,
  connection: Connection,
  tell = true,
): Promise<boolean> {
  const { sessionId, record } = connection;
  if (!sessionId || !record) return connection.resumable;
  let resumable = false;
  try {
    ({ resumable } = await ctx.store.save(sessionId, record, connectedTtl(ctx)));
  } catch (error) {
    ctx.log.error('session save failed', { sessionId, error });
  }
  if (resumable !== connection.resumable) {
    connection.resumable = resumable;
    if (tell) send(connection, { v: 1, type: 'session', resumable });
  }
  return resumable;
}
