import type { WebSocket } from 'ws';
import type { ClientMessage } from '../../shared/protocol.ts';
import type { SignedInUser } from '../auth/signedInUser.ts';
import { ProtocolError } from '../errors.ts';
import type { ExplorerContext } from '../explorerContext.ts';
import { tokenBucket } from '../tokenBucket.ts';
import { admitMessage } from './admitMessage.ts';
import { CLOSE_CODES, type Connection } from './connection.ts';
import { handleHello } from './handleHello.ts';
import { handleSearchChannels } from './handleSearchChannels.ts';
import { handleUpdate } from './handleUpdate.ts';
import { failQuery, sendError } from './sendToClient.ts';

/** Node timers take at most 2^31-1 ms (24.8 days); a longer-lived token is watched in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

function dispatch(
  ctx: ExplorerContext,
  connection: Connection,
  message: ClientMessage,
): Promise<void> | undefined {
  const requestId = message.id ?? null;
  if (message.type === 'hello') return handleHello(ctx, connection, message);
  if (!connection.sessionId) throw new ProtocolError('hello_first', 'send a hello message first');
  if (message.type === 'update') return handleUpdate(ctx, connection, message.patch, requestId);
  // Searches do not change the state, so they need not wait for earlier messages.
  ctx.track(handleSearchChannels(ctx, connection, message.query, requestId));
  return undefined;
}

/** Ends the session's time on this connection: from now on it lives only as long as the resume window. */
function onClosed(ctx: ExplorerContext, connection: Connection): void {
  connection.closed = true;
  connection.inflight?.abort();
  ctx.connections.delete(connection);
  const { sessionId } = connection;
  if (sessionId && ctx.sessions.get(sessionId) === connection) {
    ctx.sessions.delete(sessionId);
    ctx.track(
      connection.chain
        .then(() => ctx.store.touch([sessionId], ctx.limits.resumeWindowMs))
        .catch((error) => ctx.log.error('session touch failed', { sessionId, error })),
    );
  }
  ctx.log.debug('connection closed', { sessionId });
}

function newConnection(
  ctx: ExplorerContext,
  socket: WebSocket,
  caller: { user: SignedInUser | null; client: string },
): Connection {
  const connection: Connection = {
    socket,
    ...caller,
    sessionId: undefined,
    record: undefined,
    alive: true,
    bucket: tokenBucket(ctx.limits.ratePerSecond, ctx.limits.rateBurst),
    sent: {},
    viewSeq: 0,
    searchSeq: 0,
    inflight: undefined,
    chain: Promise.resolve(),
    closed: false,
    lastRateError: Number.NEGATIVE_INFINITY,
    resumable: true,
    settled: () => connection.chain,
    close(code, reason) {
      connection.closed = true;
      connection.inflight?.abort();
      socket.close(code, reason);
    },
  };
  return connection;
}

/**
 * Closes the connection if it has not said hello in time, and when the sign-in token it was opened
 * with expires. Returns the stopper (called on close).
 */
function watchTimers(ctx: ExplorerContext, connection: Connection): () => void {
  const { helloTimeoutMs } = ctx.limits;
  const hello = setTimeout(() => {
    if (!connection.sessionId)
      connection.close(CLOSE_CODES.noHello, `no hello within ${helloTimeoutMs / 1000} s`);
  }, helloTimeoutMs);
  let expiry: NodeJS.Timeout | undefined;
  const watchExpiry = (expiresAt: number) => {
    expiry = setTimeout(
      () => {
        if (Date.now() < expiresAt) watchExpiry(expiresAt);
        else connection.close(CLOSE_CODES.signInExpired, 'sign-in expired');
      },
      Math.min(MAX_TIMER_MS, Math.max(0, expiresAt - Date.now())),
    );
  };
  if (connection.user) watchExpiry(connection.user.expiresAt);
  return () => {
    clearTimeout(hello);
    clearTimeout(expiry);
  };
}

/**
 * One WebSocket connection: each message passes admitMessage, then its handler (session/handle*)
 * in order; views are latest-wins. A socket that does not say hello in time is closed, and one
 * opened with a sign-in token is closed when the token expires.
 */
export function sessionConnection(
  ctx: ExplorerContext,
  socket: WebSocket,
  caller: { user: SignedInUser | null; client: string },
): Connection {
  const connection = newConnection(ctx, socket, caller);
  const stopTimers = watchTimers(ctx, connection);
  socket.on('message', (data, isBinary) => {
    if (connection.closed) return;
    const message = admitMessage(ctx, connection, data, isBinary);
    if (!message) return;
    connection.chain = connection.chain.then(async () => {
      try {
        await dispatch(ctx, connection, message);
      } catch (error) {
        if (error instanceof ProtocolError) sendError(connection, error, message.id ?? null);
        else failQuery(ctx, connection, error, message.id ?? null, 'the request');
      }
    });
    ctx.track(connection.chain);
  });
  socket.on('pong', () => {
    connection.alive = true;
  });
  socket.on('error', (error) =>
    ctx.log.warn('socket error', { sessionId: connection.sessionId, error: error.message }),
  );
  socket.on('close', () => {
    stopTimers();
    onClosed(ctx, connection);
  });
  ctx.connections.add(connection);
  return connection;
}
