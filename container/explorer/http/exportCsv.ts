import type { IncomingMessage, ServerResponse } from 'node:http';
import { sessionIdSchema } from '../../shared/protocol.ts';
import type { SignedInUser } from '../auth/signedInUser.ts';
import { ExportTooLargeError, SessionStoreUnavailableError } from '../errors.ts';
import type { ExplorerContext } from '../explorerContext.ts';
import { exportSelectionCsv } from '../exportSelectionCsv.ts';
import { clientAddress } from '../limits/clientAddress.ts';
import { sameToken } from '../sameToken.ts';
import { recordOwnedBy, type SessionRecord } from '../sessionStore.ts';
import { csvResponse } from './csvResponse.ts';
import { sendText } from './respond.ts';

/** A process at its export cap asks the client to come back in a few seconds. */
const RETRY_SECONDS = 5;

/** The session named in the link, if it is live here or in the store; the store may be down. */
async function findSession(ctx: ExplorerContext, url: URL): Promise<SessionRecord | undefined> {
  const id = sessionIdSchema.safeParse(url.searchParams.get('session'));
  if (!id.success) return undefined;
  return ctx.sessions.get(id.data)?.record ?? (await ctx.store.load(id.data));
}

/** Streams the session's selection; the caller has checked the client's allowance. */
async function stream(ctx: ExplorerContext, response: ServerResponse, record: SessionRecord): Promise<void> {
  const csv = csvResponse(response, 'tubelens-selection.csv', ctx.limits.exportStallMs);
  try {
    const rows = await exportSelectionCsv(
      ctx.live,
      record.state,
      ctx.limits.exportMaxRows,
      csv.write,
      csv.signal,
    );
    response.end();
    ctx.log.info('export streamed', { rows });
  } catch (error) {
    if (error instanceof ExportTooLargeError) return sendText(response, 413, error.message);
    if (csv.signal.aborted) {
      ctx.log.info('export stopped', { reason: (csv.signal.reason as Error).message });
      return;
    }
    ctx.log.error('export failed', { error });
    // After the 200, cut the stream so the download visibly fails instead of looking complete.
    if (csv.started) response.destroy();
    else sendText(response, 500, 'the export failed; try again');
  }
}

/**
 * /export.csv?session=…&token=…: the selection of a live session as CSV, for the holder of its
 * export token (and, with sign-in on, its owner). Each client address may start
 * `exportsPerMinute` exports a minute and run `maxExportsPerClient` at once (429), and the process
 * runs `maxExports` at once (503): each export holds a pooled connection while it streams.
 */
export async function exportCsv(
  ctx: ExplorerContext,
  url: URL,
  request: IncomingMessage,
  response: ServerResponse,
  user: SignedInUser | null,
): Promise<void> {
  const { limits } = ctx;
  if (ctx.draining)
    return sendText(response, 503, 'this server is shutting down; export again', { 'retry-after': '1' });
  const client = clientAddress(request, ctx.trustedProxyHops);
  const wait = ctx.clients.takeExportStart(client);
  if (wait > 0) {
    const why = `at most ${limits.exportsPerMinute} exports a minute; try again in ${wait} s`;
    return sendText(response, 429, why, { 'retry-after': String(wait) });
  }
  if (!ctx.clients.acquire('exports', client, limits.maxExportsPerClient)) {
    const why = `at most ${limits.maxExportsPerClient} exports at once; wait for one to finish`;
    return sendText(response, 429, why, { 'retry-after': String(RETRY_SECONDS) });
  }
  let counted = false;
  try {
    if (ctx.exportsRunning >= limits.maxExports) {
      const why = 'this server is busy with other exports; try again shortly';
      return sendText(response, 503, why, { 'retry-after': String(RETRY_SECONDS) });
    }
    ctx.exportsRunning += 1;
    counted = true;
    let record: SessionRecord | undefined;
    try {
      record = await findSession(ctx, url);
    } catch (error) {
      if (!(error instanceof SessionStoreUnavailableError)) throw error;
      ctx.log.warn('export refused: session store unavailable', { error: error.message });
      return sendText(
        response,
        503,
        'sessions cannot be looked up right now; export again from the explorer',
        {
          'retry-after': String(RETRY_SECONDS),
        },
      );
    }
    const token = url.searchParams.get('token') ?? '';
    if (!record || !sameToken(record.exportToken, token) || !recordOwnedBy(record, user?.subject)) {
      return sendText(
        response,
        403,
        'This export link does not belong to a live session; export again from the explorer.',
      );
    }
    await stream(ctx, response, record);
  } finally {
    if (counted) ctx.exportsRunning -= 1;
    ctx.clients.release('exports', client);
  }
}
