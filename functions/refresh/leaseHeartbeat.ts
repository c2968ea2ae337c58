import type { SqlExecutor } from '../../db/sql/SqlClient.ts';
import { REFRESH_LOCK, renewLease } from './refreshLease.ts';

/**
 * Runs `work` while a timer renews the run's lease every quarter of its length. The lease can
 * then be short (refreshDefaults.leaseSeconds), so a run that is killed (a Lambda timeout, a
 * SIGKILL, a crashed machine) blocks the next one for at most one lease, however long a single
 * statement of a live run takes. A renewal that fails is left to the run's own checks: the fence
 * before the manifest (keepLease) refuses to publish once the lease is gone.
 */
export async function withLeaseHeartbeat<T>(
  sql: SqlExecutor,
  generation: string,
  leaseSeconds: number,
  work: () => Promise<T>,
): Promise<T> {
  let renewing: Promise<unknown> = Promise.resolve();
  const timer = setInterval(
    () => {
      // One renewal at a time: a slow database must not pile them up.
      renewing = renewing.then(() =>
        renewLease(sql, REFRESH_LOCK, generation, leaseSeconds).catch(() => false),
      );
    },
    Math.max(50, (leaseSeconds * 1000) / 4),
  );
  timer.unref();
  try {
    return await work();
  } finally {
    clearInterval(timer);
    await renewing;
  }
}
