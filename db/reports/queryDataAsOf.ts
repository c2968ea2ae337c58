import type { SqlExecutor } from '../sql/SqlClient.ts';

// Uses video_daily_stats_day_idx (max(day) is one index probe).
const SQL = /* sql */ `
SELECT COALESCE((SELECT max(day) FROM video_daily_stats), (SELECT max(stats_day) FROM videos)) AS day`;

/** The newest snapshot day in the database ('YYYY-MM-DD'), or null when there are no snapshots. */
export async function queryDataAsOf(db: SqlExecutor): Promise<string | null> {
  const { rows } = await db.query<{ day: string | null }>(SQL);
  return rows[0]?.day ?? null;
}

// Two index probes on video_daily_stats_day_idx.
const SPAN_SQL = /* sql */ `
SELECT COALESCE(max(day) - min(day) + 1, 0) AS days FROM video_daily_stats`;

/** Days from the first to the last snapshot: the most points any views-over-time series can have. */
export async function querySnapshotSpanDays(db: SqlExecutor): Promise<number> {
  const { rows } = await db.query<{ days: number }>(SPAN_SQL);
  return rows[0]?.days ?? 0;
}
