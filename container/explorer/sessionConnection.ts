import { randomBytes } from 'node:crypto';
import type { WebSocket } from 'ws';
import { type ClientMessage, parseClientMessage, type ServerMessage } from '../shared/protocol.ts';
import {
  applyPatch,
  DEFAULT_STATE,
  type ViewStatePatch,
  viewStatePatchSchema,
  viewStateSchema,
} from '../shared/viewState.ts';
import { computeView, type PartKeys } from './computeView.ts';
import { ProtocolError, QueryCancelledError, QueryTimeoutError } from './errors.ts';
import type { ExplorerContext } from './explorerContext.ts';
import { categoriesQuery } from './queries/categoriesQuery.ts';
import { channelSearchQuery } from './queries/channelSearchQuery.ts';
import type { SessionRecord } from './sessionStore.ts';
import { type TokenBucket, tokenBucket } from './tokenBucket.ts';

/** 128 random bits, base64url: unguessable, and short enough for a log line. */
export const newSessionId = () => randomBytes(16).toString('base64url');

export interface SessionConnection {
  readonly socket: WebSocket;
  /** The session this connection has opened, once `hello` is done. */
  readonly sessionId: string | undefined;
  readonly record: SessionRecord | undefined;
  /** Set by the heartbeat, cleared by a pong. */
  alive: boolean;
  /** Resolves when every message received so far has been applied and saved. */
  settled(): Promise<void>;
  /** Stops acting on messages (drain) and closes with a reason. */
  close(code: number, reason: string): void;
}

/**
 * One WebSocket connection: validates each message, applies it to the session state, saves the
 * state, and answers with the new view. Messages are applied in order; views are latest-wins.
 */
export function sessionConnection(ctx: ExplorerContext, socket: WebSocket): SessionConnection {
  const { live, store, limits, log } = ctx;
  const bucket: TokenBucket = tokenBucket(limits.ratePerSecond, limits.rateBurst);
  let sessionId: string | undefined;
  let record: SessionRecord | undefined;
  let sent: PartKeys = {};
  let viewSeq = 0;
  let searchSeq = 0;
  let inflight: AbortController | undefined;
  let chain: Promise<void> = Promise.resolve();
  let closed = false;
  let lastRateError = Number.NEGATIVE_INFINITY;
  const connectedTtl = limits.resumeWindowMs + 2 * limits.pingIntervalMs;

  const send = (message: ServerMessage) => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
  };
  const sendError = (error: ProtocolError, requestId: number | null) =>
    send({ v: 1, type: 'error', code: error.code, message: error.message, requestId });

  const failQuery = (error: unknown, requestId: number | null, what: string) => {
    if (error instanceof QueryTimeoutError) {
      sendError(new ProtocolError('query_timeout', error.message), requestId);
      return;
    }
    const ref = randomBytes(4).toString('hex');
    log.error(`${what} failed`, { sessionId, ref, error });
    send({
      v: 1,
      type: 'error',
      code: 'internal',
      message: `${what} failed; try again (ref ${ref})`,
      requestId,
    });
  };

  const save = async () => {
    if (!sessionId || !record) return;
    try {
      await store.save(sessionId, record, connectedTtl);
    } catch (error) {
      log.error('session save failed', { sessionId, error });
    }
  };

  const runView = (requestId: number | null) => {
    if (!record) return;
    inflight?.abort();
    const controller = new AbortController();
    inflight = controller;
    const seq = ++viewSeq;
    const state = record.state;
    const work = computeView(live, state, sent, controller.signal).then(
      (view) => {
        if (seq !== viewSeq || controller.signal.aborted) {
          log.debug('stale view dropped', { sessionId, seq });
          return;
        }
        inflight = undefined;
        sent = view.keys;
        send({
          v: 1,
          type: 'view',
          requestId,
          state,
          ...(view.channelTitles ? { channelTitles: view.channelTitles } : {}),
          parts: view.parts,
          timings: view.timings,
        } as ServerMessage);
        log.debug('view sent', { sessionId, seq, ms: view.timings.totalMs });
      },
      (error) => {
        if (error instanceof QueryCancelledError || controller.signal.aborted) {
          // `stoppedOnServer`: the database was running it and cancelled it (pg_cancel_backend).
          const cause = (error as Error).cause as { code?: string; message?: string } | undefined;
          log.info('view superseded', {
            sessionId,
            seq,
            stoppedOnServer: cause?.code === '57014',
            cause: cause?.message,
          });
          return;
        }
        if (seq === viewSeq) inflight = undefined;
        failQuery(error, requestId, 'the view query');
      },
    );
    ctx.track(work);
  };

  const hello = async (message: Extract<ClientMessage, { type: 'hello' }>) => {
    if (sessionId) throw new ProtocolError('already_started', 'this connection already has a session');
    let resumed: SessionRecord | undefined;
    if (message.sessionId) {
      try {
        resumed = await store.load(message.sessionId);
      } catch (error) {
        log.error('session load failed', { error });
      }
    }
    const id = resumed ? message.sessionId! : newSessionId();
    let current: SessionRecord = resumed ?? {
      v: 1,
      state: DEFAULT_STATE,
      exportToken: randomBytes(16).toString('base64url'),
      createdAt: Date.now(),
    };
    let stateError: ProtocolError | undefined;
    if (message.state !== undefined) {
      const patch = viewStatePatchSchema.safeParse(message.state);
      const next = patch.success ? viewStateSchema.safeParse(applyPatch(DEFAULT_STATE, patch.data)) : patch;
      if (next.success) current = { ...current, state: next.data };
      else {
        const issue = next.error.issues[0]!;
        const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
        stateError = new ProtocolError(
          'invalid_state',
          `the link is not a valid view (${where}${issue.message})`,
        );
      }
    }
    if (closed) return;
    const previous = ctx.sessions.get(id);
    if (previous && previous !== self) previous.close(4000, 'the session was opened on another connection');
    sessionId = id;
    record = current;
    ctx.sessions.set(id, self);
    log.info(resumed ? 'session resumed' : 'session started', { sessionId: id });
    const saving = save();
    let categories: Awaited<ReturnType<typeof categoriesQuery>> = [];
    let channels: Awaited<ReturnType<typeof channelSearchQuery>> = [];
    try {
      [categories, channels] = await live.readOnly(async (db) => [
        await ctx.cachedCategories(() => categoriesQuery(db)),
        await channelSearchQuery(db, ''),
      ]);
    } catch (error) {
      failQuery(error, message.id ?? null, 'loading the channel list');
    }
    send({
      v: 1,
      type: 'welcome',
      sessionId: id,
      exportToken: current.exportToken,
      resumed: Boolean(resumed),
      categories,
      channels,
    });
    if (stateError) sendError(stateError, message.id ?? null);
    runView(message.id ?? null);
    await saving;
  };

  const update = async (patch: ViewStatePatch, requestId: number | null) => {
    const next = viewStateSchema.safeParse(applyPatch(record!.state, patch));
    if (!next.success) {
      const issue = next.error.issues[0]!;
      const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
      throw new ProtocolError('invalid_state', `${where}${issue.message}`);
    }
    record = { ...record!, state: next.data };
    runView(requestId);
    await save();
  };

  const searchChannels = async (query: string, requestId: number | null) => {
    const seq = ++searchSeq;
    try {
      const channels = await live.readOnly((db) => channelSearchQuery(db, query));
      if (seq === searchSeq) send({ v: 1, type: 'channels', requestId, channels });
    } catch (error) {
      failQuery(error, requestId, 'the channel search');
    }
  };

  const handle = async (message: ClientMessage) => {
    const requestId = message.id ?? null;
    if (message.type === 'hello') return hello(message);
    if (!sessionId) throw new ProtocolError('hello_first', 'send a hello message first');
    if (message.type === 'update') return update(message.patch, requestId);
    // Searches do not change the state, so they need not wait for earlier messages.
    ctx.track(searchChannels(message.query, requestId));
  };

  socket.on('message', (data, isBinary) => {
    if (closed) return;
    if (!bucket.take()) {
      // One error a second at most: a flood must not be answered by a flood.
      const now = performance.now();
      if (now - lastRateError > 1000) {
        lastRateError = now;
        sendError(
          new ProtocolError(
            'rate_limited',
            `too many messages: at most ${limits.ratePerSecond} a second; this one was dropped`,
          ),
          null,
        );
      }
      return;
    }
    const size = Array.isArray(data)
      ? data.reduce((n, b) => n + b.length, 0)
      : (data as ArrayBuffer).byteLength;
    if (size > limits.maxMessageBytes) {
      sendError(
        new ProtocolError(
          'too_large',
          `the message is ${size} bytes; the limit is ${limits.maxMessageBytes}`,
        ),
        null,
      );
      return;
    }
    if (isBinary) {
      sendError(new ProtocolError('malformed', 'messages must be JSON text, not binary'), null);
      return;
    }
    const parsed = parseClientMessage(String(data));
    if (!parsed.ok) {
      sendError(new ProtocolError(parsed.code, parsed.message), parsed.requestId);
      return;
    }
    chain = chain.then(() =>
      handle(parsed.message).catch((error) => {
        if (error instanceof ProtocolError) sendError(error, parsed.message.id ?? null);
        else failQuery(error, parsed.message.id ?? null, 'the request');
      }),
    );
    ctx.track(chain);
  });

  socket.on('pong', () => {
    self.alive = true;
  });
  socket.on('error', (error) => log.warn('socket error', { sessionId, error: error.message }));
  socket.on('close', () => {
    closed = true;
    inflight?.abort();
    ctx.connections.delete(self);
    if (sessionId && ctx.sessions.get(sessionId) === self) {
      ctx.sessions.delete(sessionId);
      // From now on the session lives only as long as the resume window.
      ctx.track(
        chain
          .then(() => store.touch([sessionId!], limits.resumeWindowMs))
          .catch((error) => {
            log.error('session touch failed', { sessionId, error });
          }),
      );
    }
    log.debug('connection closed', { sessionId });
  });

  const self: SessionConnection = {
    socket,
    get sessionId() {
      return sessionId;
    },
    get record() {
      return record;
    },
    alive: true,
    settled: () => chain,
    close(code, reason) {
      closed = true;
      inflight?.abort();
      socket.close(code, reason);
    },
  };
  ctx.connections.add(self);
  return self;
}
