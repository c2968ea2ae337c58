import { abortLeasedRun } from '../leasedRun.ts';
import type { RefreshStepEvent } from '../refreshEvent.ts';
import type { PublishedRefresh, RefreshOptions, RefreshResult } from '../refreshOptions.ts';
import { refreshReports } from '../refreshReports.ts';
import { estimateRefresh, shouldFanOut } from './estimateRefresh.ts';
import { finishRefresh } from './finishRefresh.ts';
import { type PlannedRefresh, planRefresh } from './planRefresh.ts';
import { runRefreshBatch } from './runRefreshBatch.ts';

export type RefreshStepResult =
  | RefreshResult
  | PlannedRefresh
  | { readonly status: 'batched'; readonly channels: number }
  | { readonly status: 'aborted'; readonly generation: string };

/**
 * Runs one step of a refresh that may fan out. `plan` sizes the run and, when it fits one
 * invocation (`fanOutAboveRows`), runs it whole right here, as a scheduled run would; otherwise it
 * plans the batches that the state machine (or the local driver) hands to `batch` steps, then
 * `finish` publishes. `abort` is the catch of every step after the plan.
 */
export async function runRefreshStep(
  event: RefreshStepEvent,
  options: RefreshOptions & { readonly fanOutAboveRows: number },
): Promise<RefreshStepResult> {
  const { fanOutAboveRows, ...o } = options;
  switch (event.step) {
    case 'plan': {
      const estimate = await estimateRefresh(o.sql);
      const fanOut = event.fanOut === 'always' || shouldFanOut(estimate, fanOutAboveRows);
      o.log?.info('refresh sized', { ...estimate, fanOutAboveRows, fanOut });
      return fanOut ? planRefresh({ ...o, kind: event.kind }) : refreshReports({ ...o, kind: event.kind });
    }
    case 'batch': {
      const done = await runRefreshBatch({ ...o, generation: event.generation, batches: event.batches });
      return { status: 'batched', ...done };
    }
    case 'finish':
      return finishRefresh({ ...o, generation: event.generation }) satisfies Promise<PublishedRefresh>;
    case 'abort':
      await abortLeasedRun(o.sql, event, new Error(describeStepError(event.error)));
      return { status: 'aborted', generation: event.generation };
  }
}

/** Step Functions hands a caught error as `{ Error, Cause }`; refresh_runs keeps it as one line. */
function describeStepError(error: unknown): string {
  if (error && typeof error === 'object' && 'Error' in error) {
    const { Error: name, Cause: cause } = error as { Error: unknown; Cause?: unknown };
    return `${String(name)}${cause ? `: ${String(cause)}` : ''}`;
  }
  return error === undefined ? 'aborted by the state machine' : String(error);
}
