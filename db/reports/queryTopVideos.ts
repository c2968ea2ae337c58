import type { SqlExecutor } from '../sql/SqlClient.ts';
import { TOP_VIDEOS, type TopVideosReport } from './contract/index.ts';
import { clipped, isoUtc } from './sqlFragments.ts';

// The views of the $1-th most viewed video, read from videos_views_idx (migration 5: views DESC
// NULLS LAST, video_id DESC) by walking $1 entries: no scan of the 1 M-row table.
const CUTOFF_SQL = /* sql */ `
SELECT views::float8 AS views FROM videos WHERE views IS NOT NULL
ORDER BY views DESC NULLS LAST, video_id DESC OFFSET $1::int - 1 LIMIT 1`;

const SELECT = /* sql */ `
SELECT v.video_id, ${clipped('v.title')} AS title, v.channel_id, ${clipped('c.title')} AS channel_title, ${isoUtc('v.published_at')} AS published_at,
       COALESCE(v.views, 0)::float8 AS views, COALESCE(v.likes, 0)::float8 AS likes,
       COALESCE(v.comments, 0)::float8 AS comments, v.category_id
FROM videos v JOIN channels c USING (channel_id)`;

// Every video in the top $1 has views >= the cutoff when the cutoff is above 0 (NULL counts as 0,
// below it), so a range of videos_views_idx holds them all, ties at the cutoff included; the
// order (views, then video_id ascending) is the report's, not the index's.
const ABOVE_CUTOFF_SQL = /* sql */ `${SELECT}
WHERE v.views >= $2::bigint
ORDER BY COALESCE(v.views, 0) DESC, v.video_id
LIMIT $1`;

// Fewer than $1 videos with views above 0: a top-N heap sort over all of them.
const ALL_SQL = /* sql */ `${SELECT}
ORDER BY COALESCE(v.views, 0) DESC, v.video_id
LIMIT $1`;

type Raw = {
  video_id: string;
  title: string;
  channel_id: string;
  channel_title: string;
  published_at: string;
  views: number;
  likes: number;
  comments: number;
  category_id: number | null;
};

/** The `topVideos` report: the most-viewed videos. */
export async function queryTopVideos(db: SqlExecutor, dataAsOf: string | null): Promise<TopVideosReport> {
  const cutoff = (await db.query<{ views: number }>(CUTOFF_SQL, [TOP_VIDEOS])).rows[0]?.views ?? 0;
  const { rows } =
    cutoff > 0
      ? await db.query<Raw>(ABOVE_CUTOFF_SQL, [TOP_VIDEOS, cutoff])
      : await db.query<Raw>(ALL_SQL, [TOP_VIDEOS]);
  return {
    dataAsOf,
    videos: rows.map((r) => ({
      videoId: r.video_id,
      title: r.title,
      channelId: r.channel_id,
      channelTitle: r.channel_title,
      publishedAt: r.published_at,
      views: r.views,
      likes: r.likes,
      comments: r.comments,
      categoryId: r.category_id,
    })),
  };
}
