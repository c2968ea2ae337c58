import type { SqlExecutor } from '../sql/SqlClient.ts';
import { type OverviewReport, TOP_CHANNELS } from './contract/index.ts';

// A video's views are its latest snapshot, kept in videos.views (see 0001_init); NULL counts as 0.
const TOTALS_SQL = /* sql */ `
SELECT (SELECT count(*) FROM channels)::int AS channels,
       count(*)::int AS videos,
       COALESCE(sum(views), 0)::float8 AS views,
       COALESCE(sum(likes), 0)::float8 AS likes,
       COALESCE(sum(comments), 0)::float8 AS comments
FROM videos`;

// One hash aggregate over videos, then a top-N sort of the channels.
const TOP_CHANNELS_SQL = /* sql */ `
SELECT c.channel_id, c.title, COALESCE(v.views, 0)::float8 AS views, COALESCE(v.videos, 0)::int AS videos
FROM channels c
LEFT JOIN (SELECT channel_id, sum(views) AS views, count(*) AS videos FROM videos GROUP BY channel_id) v
  USING (channel_id)
ORDER BY views DESC, c.channel_id
LIMIT $1`;

/** The `overview` report: totals and the most-viewed channels. */
export async function queryOverview(db: SqlExecutor, dataAsOf: string | null): Promise<OverviewReport> {
  const totals = await db.query<OverviewReport['totals']>(TOTALS_SQL);
  const top = await db.query<{ channel_id: string; title: string; views: number; videos: number }>(
    TOP_CHANNELS_SQL,
    [TOP_CHANNELS],
  );
  return {
    dataAsOf,
    totals: totals.rows[0]!,
    topChannels: top.rows.map((r) => ({
      channelId: r.channel_id,
      title: r.title,
      views: r.views,
      videos: r.videos,
    })),
  };
}
