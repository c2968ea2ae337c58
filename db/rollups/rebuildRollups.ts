import type { SqlExecutor } from '../sql/SqlClient.ts';

/**
 * Recomputes the per-channel, per-day rollups (channel_view_days, migration 10) from the raw
 * snapshots in one transaction: the repair when they may have drifted (a write with
 * tubelens.rollups = 'off'). The triggers keep them current otherwise, concurrent writers
 * included (rollups_lock()). rebuild_rollups() is SECURITY DEFINER, so the ingest's login may
 * run it; about 10 s at 9 M snapshots.
 */
export async function rebuildRollups(sql: SqlExecutor): Promise<{ rows: number }> {
  await sql.query('SELECT rebuild_rollups()');
  const { rows } = await sql.query<{ n: number }>('SELECT count(*)::int AS n FROM channel_view_days');
  return { rows: rows[0]?.n ?? 0 };
}
