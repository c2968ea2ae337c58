import { abortLeasedRun } from '../leasedRun.ts';
import { withLeaseHeartbeat } from '../leaseHeartbeat.ts';
import type { RefreshStepEvent } from '../refreshEvent.ts';
import { REFRESH_LOCK, renewLease } from '../refreshLease.ts';
import {
  type PublishedRefresh,
  type RefreshOptions,
  type RefreshResult,
  refreshDefaults,
} from '../refreshOptions.ts';
import { refreshReports } from '../refreshReports.ts';
import { estimateRefresh, shouldFanOut } from './estimateRefresh.ts';
import { finishRefresh } from './finishRefresh.ts';
import { type PlannedRefresh, planRefresh } from './planRefresh.ts';
import { runRefreshBatch } from './runRefreshBatch.ts';

/**
 * How long the lease lasts when a step hands the run to the next one (after the plan and after
 * each batch): Step Functions may leave that long between two invocations, since the Finish step
 * backs off up to 5 minutes in all when the refresh function is throttled. Within an invocation
 * the heartbeat keeps the short lease; a run whose state machine dies holds this one at most, and
 * the state machine's Abort step frees it at once.
 */
export const HANDOVER_LEASE_SECONDS = 10 * 60;

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
  const lease = o.leaseSeconds ?? refreshDefaults.leaseSeconds;
  switch (event.step) {
    case 'plan': {
      const estimate = await estimateRefresh(o.sql);
      const fanOut = event.fanOut === 'always' || shouldFanOut(estimate, fanOutAboveRows);
      o.log?.info('refresh sized', { ...estimate, fanOutAboveRows, fanOut });
      if (!fanOut) return refreshReports({ ...o, kind: event.kind });
      const planned = await planRefresh({ ...o, kind: event.kind });
      if (planned.status === 'planned') await handOver(o, planned.generation);
      return planned;
    }
    case 'batch': {
      const done = await withLeaseHeartbeat(o.sql, event.generation, lease, () =>
        runRefreshBatch({ ...o, generation: event.generation, batches: event.batches }),
      );
      await handOver(o, event.generation);
      return { status: 'batched', ...done };
    }
    case 'finish':
      return withLeaseHeartbeat(o.sql, event.generation, lease, () =>
        finishRefresh({ ...o, generation: event.generation }),
      ) satisfies Promise<PublishedRefresh>;
    case 'abort':
      await abortLeasedRun(o.sql, event, new Error(describeStepError(event.error)));
      return { status: 'aborted', generation: event.generation };
  }
}

/** Extends the lease to span the gap before the next step (a lost lease stays lost). */
async function handOver(o: RefreshOptions, generation: string): Promise<void> {
  await renewLease(o.sql, REFRESH_LOCK, generation, HANDOVER_LEASE_SECONDS);
}

/** Step Functions hands a caught error as `{ Error, Cause }`; refresh_runs keeps it as one line. */
function describeStepError(error: unknown): string {
  if (error && typeof error === 'object' && 'Error' in error) {
    const { Error: name, Cause: cause } = error as { Error: unknown; Cause?: unknown };
    return `${String(name)}${cause ? `: ${String(cause)}` : ''}`;
  }
  return error === undefined ? 'aborted by the state machine' : String(error);
}
