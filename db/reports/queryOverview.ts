import type { SqlExecutor } from '../sql/SqlClient.ts';
import { type OverviewReport, TOP_CHANNELS } from './contract/index.ts';
import { clipped } from './sqlFragments.ts';

// One hash aggregate of videos per channel gives both parts: the totals are the sums of the
// channels' sums (exact: numeric), the top channels a top-N sort of them. A video's views are its
// latest snapshot, kept in videos.views (see 0001_init); NULL counts as 0. The lateral join keeps
// the totals' row when there are no channels; each row repeats them.
const SQL = /* sql */ `
WITH per AS (
  SELECT channel_id, sum(views) AS views, count(*) AS videos, sum(likes) AS likes, sum(comments) AS comments
  FROM videos GROUP BY channel_id
), totals AS (
  SELECT (SELECT count(*) FROM channels)::int AS channels,
         COALESCE(sum(videos), 0)::int AS videos,
         COALESCE(sum(views), 0)::float8 AS views,
         COALESCE(sum(likes), 0)::float8 AS likes,
         COALESCE(sum(comments), 0)::float8 AS comments
  FROM per
)
SELECT t.channels, t.videos, t.views, t.likes, t.comments,
       top.channel_id, top.title, top.channel_views, top.channel_videos
FROM totals t
LEFT JOIN LATERAL (
  SELECT c.channel_id, ${clipped('c.title')} AS title, COALESCE(p.views, 0)::float8 AS channel_views,
         COALESCE(p.videos, 0)::int AS channel_videos
  FROM channels c LEFT JOIN per p USING (channel_id)
  ORDER BY channel_views DESC, c.channel_id
  LIMIT $1
) top ON true
ORDER BY top.channel_views DESC, top.channel_id`;

type Raw = OverviewReport['totals'] & {
  channel_id: string | null;
  title: string;
  channel_views: number;
  channel_videos: number;
};

/** The `overview` report: totals and the most-viewed channels. */
export async function queryOverview(db: SqlExecutor, dataAsOf: string | null): Promise<OverviewReport> {
  const { rows } = await db.query<Raw>(SQL, [TOP_CHANNELS]);
  const { channels, videos, views, likes, comments } = rows[0]!;
  return {
    dataAsOf,
    totals: { channels, videos, views, likes, comments },
    topChannels: rows
      .filter((r) => r.channel_id !== null)
      .map((r) => ({
        channelId: r.channel_id!,
        title: r.title,
        views: r.channel_views,
        videos: r.channel_videos,
      })),
  };
}
