import { randomBytes } from 'node:crypto';
import type { ServerMessage } from '../../shared/protocol.ts';
import { ProtocolError, QueryTimeoutError } from '../errors.ts';
import type { ExplorerContext } from '../explorerContext.ts';
import type { Connection } from './connection.ts';

export function send(connection: Connection, message: ServerMessage): void {
  const { socket } = connection;
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
}

/** A problem with what the client sent: the message is shown to the user, the session goes on. */
export function sendError(connection: Connection, error: ProtocolError, requestId: number | null): void {
  send(connection, { v: 1, type: 'error', code: error.code, message: error.message, requestId });
}

/**
 * A query failed: a timeout is the user's to narrow; anything else is logged with a reference
 * that the user sees instead of the detail.
 */
export function failQuery(
  ctx: ExplorerContext,
  connection: Connection,
  error: unknown,
  requestId: number | null,
  what: string,
): void {
  if (error instanceof QueryTimeoutError) {
    sendError(connection, new ProtocolError('query_timeout', error.message), requestId);
    return;
  }
  const ref = randomBytes(4).toString('hex');
  ctx.log.error(`${what} failed`, { sessionId: connection.sessionId, ref, error });
  send(connection, {
    v: 1,
    type: 'error',
    code: 'internal',
    message: `${what} failed; try again (ref ${ref})`,
    requestId,
  });
}
