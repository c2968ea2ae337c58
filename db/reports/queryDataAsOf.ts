import type { SqlExecutor } from '../sql/SqlClient.ts';

// Uses video_daily_stats_day_idx (max(day) is one index probe).
const SQL = /* sql */ `
SELECT COALESCE((SELECT max(day) FROM video_daily_stats), (SELECT max(stats_day) FROM videos)) AS day`;

/** The newest snapshot day in the database ('YYYY-MM-DD'), or null when there are no snapshots. */
export async function queryDataAsOf(db: SqlExecutor): Promise<string | null> {
  const { rows } = await db.query<{ day: string | null }>(SQL);
  return rows[0]?.day ?? null;
}
