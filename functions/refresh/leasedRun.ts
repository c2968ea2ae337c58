import type { SqlExecutor } from '../../db/sql/SqlClient.ts';
import { RefreshLockedError } from './errors.ts';
import { acquireLease, leaseHolder, REFRESH_LOCK, releaseLease, renewLease } from './refreshLease.ts';
import type { RefreshLog } from './refreshOptions.ts';
import {
  failAbandonedRuns,
  failRefreshRun,
  finishRefreshRun,
  type RefreshKind,
  startRefreshRun,
} from './refreshRuns.ts';

/** A run that holds the refresh lease under its generation and has a refresh_runs row. */
export interface LeasedRun {
  readonly generation: string;
  readonly runId: number;
}

/**
 * Takes the refresh lease for `generation` and records the run as started; resolves to a skip
 * reason instead when another run holds the lease. The lease then lasts until `endLeasedRun` or
 * `abortLeasedRun`, across as many invocations as the run needs (a fanned-out run).
 */
export async function beginLeasedRun(
  sql: SqlExecutor,
  {
    kind,
    generation,
    leaseSeconds,
    log,
  }: { kind: RefreshKind; generation: string; leaseSeconds: number; log: RefreshLog },
): Promise<LeasedRun | { readonly skipped: string }> {
  if (!(await acquireLease(sql, REFRESH_LOCK, generation, leaseSeconds))) {
    const holder = await leaseHolder(sql, REFRESH_LOCK);
    const reason = `another refresh (${holder?.holder ?? 'unknown'}) holds the lease until ${holder?.expires_at.toISOString() ?? '?'}`;
    log.warn('refresh skipped', { reason });
    return { skipped: reason };
  }
  const abandoned = await failAbandonedRuns(sql, generation);
  if (abandoned.length)
    log.warn('earlier refresh runs ended without finishing; recorded as failed', { abandoned });
  return { generation, runId: await startRefreshRun(sql, kind, generation) };
}

/**
 * Renews the lease; throws RefreshLockedError when the run lost it (it expired and another run
 * took it). Called after every batch and, as the fence, right before the manifest is replaced.
 */
export async function keepLease(sql: SqlExecutor, generation: string, leaseSeconds: number): Promise<void> {
  if (!(await renewLease(sql, REFRESH_LOCK, generation, leaseSeconds))) {
    throw new RefreshLockedError(`refresh ${generation} lost its lease; not publishing`);
  }
}

/**
 * How long the lease lasts when a step of a fanned-out run hands the run to the next one (after
 * the plan and after each batch): Step Functions may leave that long between two invocations,
 * since the Finish step backs off up to 5 minutes in all when the refresh function is throttled.
 * Within an invocation the heartbeat keeps the short lease (withLeaseHeartbeat); a run whose state
 * machine dies holds this one at most, and the state machine's Abort step frees it at once.
 */
export const HANDOVER_LEASE_SECONDS = 10 * 60;

/** Extends the lease to span the gap before the run's next step (a lost lease stays lost). */
export async function handOverLease(sql: SqlExecutor, generation: string): Promise<void> {
  await renewLease(sql, REFRESH_LOCK, generation, HANDOVER_LEASE_SECONDS);
}

/** Records the run as published and gives the lease up. */
export async function endLeasedRun(
  sql: SqlExecutor,
  run: LeasedRun,
  result: Parameters<typeof finishRefreshRun>[2],
): Promise<void> {
  try {
    await finishRefreshRun(sql, run.runId, result);
  } finally {
    await releaseLease(sql, REFRESH_LOCK, run.generation).catch(() => {});
  }
}

/** Records the run as failed and gives the lease up; never throws (the run's own error matters). */
export async function abortLeasedRun(sql: SqlExecutor, run: LeasedRun, error: unknown): Promise<void> {
  await failRefreshRun(sql, run.runId, error).catch(() => {});
  await releaseLease(sql, REFRESH_LOCK, run.generation).catch(() => {});
}
