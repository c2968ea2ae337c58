import { computeView } from '../computeView.ts';
import { QueryCancelledError } from '../errors.ts';
import type { ExplorerContext } from '../explorerContext.ts';
import type { Connection } from './connection.ts';
import { failQuery, send } from './sendToClient.ts';

/**
 * Computes and sends the view of the connection's current state. At most one view per connection
 * is in flight: a newer one aborts it (the database stops it), and a stale answer is dropped.
 */
export function runView(ctx: ExplorerContext, connection: Connection, requestId: number | null): void {
  const { record } = connection;
  if (!record) return;
  connection.inflight?.abort();
  const controller = new AbortController();
  connection.inflight = controller;
  const seq = ++connection.viewSeq;
  const { state } = record;
  const { sessionId } = connection;
  const work = computeView(ctx.live, state, connection.sent, controller.signal).then(
    (view) => {
      if (seq !== connection.viewSeq || controller.signal.aborted) {
        ctx.log.debug('stale view dropped', { sessionId, seq });
        return;
      }
      connection.inflight = undefined;
      connection.sent = view.keys;
      send(connection, {
        v: 1,
        type: 'view',
        requestId,
        state,
        ...(view.channelTitles ? { channelTitles: view.channelTitles } : {}),
        parts: view.parts,
        timings: view.timings,
        lagSeconds: view.lagSeconds,
      } as Parameters<typeof send>[1]);
      ctx.log.debug('view sent', { sessionId, seq, ms: view.timings.totalMs });
    },
    (error) => {
      if (error instanceof QueryCancelledError || controller.signal.aborted) {
        // `stoppedOnServer`: the database was running it and cancelled it (pg_cancel_backend).
        const cause = (error as Error).cause as { code?: string; message?: string } | undefined;
        ctx.log.info('view superseded', {
          sessionId,
          seq,
          stoppedOnServer: cause?.code === '57014',
          cause: cause?.message,
        });
        return;
      }
      if (seq === connection.viewSeq) connection.inflight = undefined;
      failQuery(ctx, connection, error, requestId, 'the view query');
    },
  );
  ctx.track(work);
}
