import type { SqlExecutor } from '../sql/SqlClient.ts';

/**
 * Takes the rollups' writer lock (rollups_lock(), migration 10: a transaction-level advisory
 * lock, released by COMMIT or ROLLBACK). The snapshot trigger takes it before it reads a video's
 * neighbouring snapshots, so two writers of one video apply their deltas one after the other,
 * the second seeing the first's committed rows. A writer takes it as the first statement of its
 * transaction, before any row lock: if it took it later (in the trigger) while holding a row
 * lock that another writer, already holding this lock, waits for, the two would deadlock.
 */
export const LOCK_ROLLUPS_SQL = 'SELECT rollups_lock()';

/** Takes the rollups' writer lock for the rest of `sql`'s transaction (waits for its holder). */
export async function lockRollups(sql: SqlExecutor): Promise<void> {
  await sql.query(LOCK_ROLLUPS_SQL);
}
