import type { BulkSession } from './bulkSession.ts';

/**
 * The advisory lock every load holds for its transaction (pg_advisory_xact_lock). Two loads into
 * one database at once would upsert the same channels and videos in different orders and could
 * deadlock; with the lock the second one waits for the first and then merges on top of it, so
 * both finish and every count is exact. Released by COMMIT or ROLLBACK.
 */
export const LOAD_LOCK_KEY = 0x7475_6265; // "tube"

/** Takes the load lock in `session`'s transaction, calling `onWait` first if another load holds it. */
export async function takeLoadLock(session: BulkSession, onWait: () => void = () => {}): Promise<void> {
  const [row] = await session.query('SELECT pg_try_advisory_xact_lock($1) AS taken', [LOAD_LOCK_KEY]);
  if (row?.taken) return;
  onWait();
  await session.query('SELECT pg_advisory_xact_lock($1)', [LOAD_LOCK_KEY]);
}
