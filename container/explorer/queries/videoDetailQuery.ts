import type { SqlExecutor } from '../../../db/sql/SqlClient.ts';
import type { VideoDetail } from '../../shared/protocol.ts';

/**
 * One video and its views day by day (`gained` is the day's increase over the previous snapshot).
 * Walks the video_daily_stats primary key (video_id, day).
 */
export async function videoDetailQuery(db: SqlExecutor, videoId: string): Promise<VideoDetail | null> {
  const video = await db.query<{ title: string; channel_title: string; published_at: Date }>(
    `SELECT v.title, c.title AS channel_title, v.published_at
     FROM videos v JOIN channels c ON c.channel_id = v.channel_id
     WHERE v.video_id = $1`,
    [videoId],
  );
  const head = video.rows[0];
  if (!head) return null;
  const days = await db.query<{ day: string; views: number; gained: number | null }>(
    `SELECT day, views::float8 AS views, (views - lag(views) OVER (ORDER BY day))::float8 AS gained
     FROM video_daily_stats WHERE video_id = $1 ORDER BY day`,
    [videoId],
  );
  return {
    videoId,
    title: head.title,
    channelTitle: head.channel_title,
    publishedAt: head.published_at.toISOString(),
    days: days.rows,
  };
}
