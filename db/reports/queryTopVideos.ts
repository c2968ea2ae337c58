import type { SqlExecutor } from '../sql/SqlClient.ts';
import { TOP_VIDEOS, type TopVideosReport } from './contract/index.ts';
import { isoUtc } from './sqlFragments.ts';

// A top-N heap sort over videos (no index on views: one sequential scan per refresh is cheaper
// than keeping an index current on every ingest).
const SQL = /* sql */ `
SELECT v.video_id, v.title, v.channel_id, c.title AS channel_title, ${isoUtc('v.published_at')} AS published_at,
       COALESCE(v.views, 0)::float8 AS views, COALESCE(v.likes, 0)::float8 AS likes,
       COALESCE(v.comments, 0)::float8 AS comments, v.category_id
FROM videos v JOIN channels c USING (channel_id)
ORDER BY COALESCE(v.views, 0) DESC, v.video_id
LIMIT $1`;

/** The `topVideos` report: the most-viewed videos. */
export async function queryTopVideos(db: SqlExecutor, dataAsOf: string | null): Promise<TopVideosReport> {
  const { rows } = await db.query<{
    video_id: string;
    title: string;
    channel_id: string;
    channel_title: string;
    published_at: string;
    views: number;
    likes: number;
    comments: number;
    category_id: number | null;
  }>(SQL, [TOP_VIDEOS]);
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
