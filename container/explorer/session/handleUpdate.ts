import { firstIssueMessage } from '../../shared/issueMessage.ts';
import { applyPatch, type ViewStatePatch, viewStateSchema } from '../../shared/viewState.ts';
import { ProtocolError } from '../errors.ts';
import type { ExplorerContext } from '../explorerContext.ts';
import type { Connection } from './connection.ts';
import { runView } from './runView.ts';
import { saveSession } from './saveSession.ts';

/**
 * `update`: applies a patch to the state. The result is validated whole before anything else
 * happens, so a state the database cannot take is never saved; then the view and the save go on.
 */
export async function handleUpdate(
  ctx: ExplorerContext,
  connection: Connection,
  patch: ViewStatePatch,
  requestId: number | null,
): Promise<void> {
  const record = connection.record!;
  const next = viewStateSchema.safeParse(applyPatch(record.state, patch));
  if (!next.success) throw new ProtocolError('invalid_state', firstIssueMessage(next.error));
  connection.record = { ...record, state: next.data };
  runView(ctx, connection, requestId);
  await saveSession(ctx, connection);
}
