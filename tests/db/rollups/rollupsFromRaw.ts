import type { SqlExecutor } from '../../../db/sql/SqlClient.ts';

export type RollupRow = {
  channel_id: string;
  day: string;
  views_delta: number;
  snapshots: number;
};

// What channel_view_days must hold, computed another way than the migration does (levels, not
// per-video deltas): on each day any of a channel's videos has a snapshot, the sum over its videos
// of the newest snapshot on or before that day, minus that sum on the channel's previous such day.
// Quadratic; for the small sets in tests only.
const FROM_RAW = /* sql */ `
WITH days AS (
  SELECT v.channel_id, s.day, count(*)::int AS snapshots
  FROM video_daily_stats s JOIN videos v USING (video_id) GROUP BY 1, 2
), levels AS (
  SELECT d.channel_id, d.day, d.snapshots,
         (SELECT COALESCE(sum(x.views), 0) FROM videos v
          CROSS JOIN LATERAL (SELECT s.views FROM video_daily_stats s
                              WHERE s.video_id = v.video_id AND s.day <= d.day
                              ORDER BY s.day DESC LIMIT 1) x
          WHERE v.channel_id = d.channel_id) AS level
  FROM days d
)
SELECT channel_id, day::text AS day,
       (level - COALESCE(lag(level) OVER (PARTITION BY channel_id ORDER BY day), 0))::float8 AS views_delta,
       snapshots
FROM levels ORDER BY channel_id, day`;

const STORED = /* sql */ `
SELECT channel_id, day::text AS day, views_delta::float8 AS views_delta, snapshots
FROM channel_view_days ORDER BY channel_id, day`;

/** The rollups as an independent computation over the raw snapshots says they should be. */
export async function rollupsFromRaw(db: SqlExecutor): Promise<RollupRow[]> {
  return (await db.query<RollupRow>(FROM_RAW)).rows;
}

/** The rollups as stored. */
export async function storedRollups(db: SqlExecutor): Promise<RollupRow[]> {
  return (await db.query<RollupRow>(STORED)).rows;
}
