import { abortLeasedRun, beginLeasedRun, endLeasedRun } from './leasedRun.ts';
import { withLeaseHeartbeat } from './leaseHeartbeat.ts';
import { newGenerationId } from './publish/generationId.ts';
import { publishGeneration } from './publishGeneration.ts';
import { type RefreshOptions, type RefreshResult, refreshDefaults, silentLog } from './refreshOptions.ts';

export type { RefreshLog, RefreshOptions, RefreshProgress, RefreshResult } from './refreshOptions.ts';

/**
 * Computes every report from the database and publishes it: each changed object under a new
 * generation prefix, then the manifest last. Runs under a lease in job_locks so two runs cannot
 * both publish; a run that fails leaves the previous manifest and its objects as they were.
 */
export async function refreshReports(options: RefreshOptions): Promise<RefreshResult> {
  const o = { ...refreshDefaults, ...options };
  const clock = o.clock ?? (() => new Date());
  const log = o.log ?? silentLog;
  const startedAt = clock();
  const generation = o.generation ?? newGenerationId(startedAt);

  const run = await beginLeasedRun(o.sql, { kind: o.kind, generation, leaseSeconds: o.leaseSeconds, log });
  if ('skipped' in run) return { status: 'skipped', reason: run.skipped };
  try {
    const result = await withLeaseHeartbeat(o.sql, generation, o.leaseSeconds, () =>
      publishGeneration(o, { clock, log, generation, startedAt }),
    );
    await endLeasedRun(o.sql, run, result);
    return result;
  } catch (error) {
    await abortLeasedRun(o.sql, run, error);
    throw error;
  }
}
