import { randomBytes } from 'node:crypto';
import { firstIssueMessage } from '../../shared/issueMessage.ts';
import type { ClientMessage } from '../../shared/protocol.ts';
import { applyPatch, DEFAULT_STATE, viewStatePatchSchema, viewStateSchema } from '../../shared/viewState.ts';
import { ProtocolError } from '../errors.ts';
import type { ExplorerContext } from '../explorerContext.ts';
import { categoriesQuery } from '../queries/categoriesQuery.ts';
import { channelSearchQuery } from '../queries/channelSearchQuery.ts';
import { recordOwnedBy, type SessionRecord } from '../sessionStore.ts';
import { CLOSE_CODES, type Connection } from './connection.ts';
import { runView } from './runView.ts';
import { saveSession } from './saveSession.ts';
import { failQuery, send, sendError } from './sendToClient.ts';

/** 128 random bits, base64url: unguessable, and short enough for a log line. */
export const newSessionId = () => randomBytes(16).toString('base64url');

/** The stored session `id` if this caller may have it back; a store that is down means "not found". */
async function resumable(
  ctx: ExplorerContext,
  connection: Connection,
  id: string,
): Promise<SessionRecord | undefined> {
  let record: SessionRecord | undefined;
  try {
    record = await ctx.store.load(id);
  } catch (error) {
    ctx.log.warn('session store unavailable: starting a new session', { error: (error as Error).message });
    return undefined;
  }
  if (record && !recordOwnedBy(record, connection.user?.subject)) {
    ctx.log.warn('session belongs to someone else: starting a new session', { sessionId: id });
    return undefined;
  }
  return record;
}

/** The state a link asks for, or why it cannot be shown (the session opens with its state then). */
function stateFromLink(
  link: unknown,
  record: SessionRecord,
): { record: SessionRecord; error?: ProtocolError } {
  const patch = viewStatePatchSchema.safeParse(link);
  const next = patch.success ? viewStateSchema.safeParse(applyPatch(DEFAULT_STATE, patch.data)) : patch;
  if (next.success) return { record: { ...record, state: next.data } };
  const why = firstIssueMessage(next.error);
  return { record, error: new ProtocolError('invalid_state', `the link is not a valid view (${why})`) };
}

/** `hello`: opens a new session or resumes one, answers with `welcome`, then the first view. */
export async function handleHello(
  ctx: ExplorerContext,
  connection: Connection,
  message: Extract<ClientMessage, { type: 'hello' }>,
): Promise<void> {
  if (connection.sessionId)
    throw new ProtocolError('already_started', 'this connection already has a session');
  const requestId = message.id ?? null;
  const resumed = message.sessionId ? await resumable(ctx, connection, message.sessionId) : undefined;
  const id = resumed ? message.sessionId! : newSessionId();
  const opened: SessionRecord = resumed ?? {
    v: 1,
    state: DEFAULT_STATE,
    exportToken: randomBytes(16).toString('base64url'),
    createdAt: Date.now(),
    ...(connection.user ? { owner: connection.user.subject } : {}),
  };
  const { record, error: stateError } =
    message.state === undefined ? { record: opened } : stateFromLink(message.state, opened);
  if (connection.closed) return;
  const previous = ctx.sessions.get(id);
  if (previous && previous !== connection)
    previous.close(CLOSE_CODES.replaced, 'the session was opened on another connection');
  connection.sessionId = id;
  connection.record = record;
  ctx.sessions.set(id, connection);
  ctx.log.info(resumed ? 'session resumed' : 'session started', { sessionId: id });
  const lists = ctx.live
    .readOnly(async (db) => ({
      categories: await ctx.cachedCategories(() => categoriesQuery(db)),
      channels: await channelSearchQuery(db, ''),
    }))
    .catch((error) => {
      failQuery(ctx, connection, error, requestId, 'loading the channel list');
      return { categories: [], channels: [] };
    });
  const [resumableNow, { categories, channels }] = await Promise.all([
    saveSession(ctx, connection, false),
    lists,
  ]);
  send(connection, {
    v: 1,
    type: 'welcome',
    sessionId: id,
    exportToken: record.exportToken,
    resumed: Boolean(resumed),
    resumable: resumableNow,
    user: connection.user ? { name: connection.user.name } : null,
    signOutUrl: ctx.auth.signOutUrl,
    categories,
    channels,
  });
  if (stateError) sendError(connection, stateError, requestId);
  runView(ctx, connection, requestId);
}
