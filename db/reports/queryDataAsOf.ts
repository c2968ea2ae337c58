import type { SqlExecutor } from '../sql/SqlClient.ts';
import { NEWEST_CHANNEL_DAY } from './sqlFragments.ts';

// The newest video snapshot (one probe of video_daily_stats_day_idx; videos.stats_day when there
// are none), or the newest channel snapshot if that is later: a tracker's daily channel file can
// run ahead of its video snapshots, or be all there is.
const SQL = /* sql */ `
SELECT GREATEST(
  COALESCE((SELECT max(day) FROM video_daily_stats), (SELECT max(stats_day) FROM videos)),
  ${NEWEST_CHANNEL_DAY}
) AS day`;

/**
 * The newest snapshot day in the database, of a video or of a channel ('YYYY-MM-DD'), or null
 * when there are no snapshots.
 */
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
