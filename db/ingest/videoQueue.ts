import { param } from '../sql/param.ts';
import type { SqlExecutor } from '../sql/SqlClient.ts';

export interface QueuedVideo {
  readonly videoId: string;
  readonly channelId: string;
  readonly publishedAt: Date | null;
  /** 'upload': newer than anything known (most valuable); 'backfill': the history walk. */
  readonly source: 'upload' | 'backfill';
}

/**
 * Queues the videos of a playlist page that are not known yet (in videos, in the queue, or known
 * unavailable) and returns the ids it queued; the rest of the page was known. One statement, so
 * sorting a page into new and known costs one Data API call.
 */
export async function enqueueVideos(
  sql: SqlExecutor,
  videos: readonly QueuedVideo[],
  at: Date,
): Promise<Set<string>> {
  if (videos.length === 0) return new Set();
  const { rows } = await sql.query<{ video_id: string }>(
    `INSERT INTO ingest_video_queue (video_id, channel_id, published_at, source, discovered_at)
     SELECT r.video_id, r.channel_id, r.published_at, r.source, $2
     FROM jsonb_to_recordset($1) AS r(video_id text, channel_id text, published_at timestamptz, source text)
     WHERE NOT EXISTS (SELECT 1 FROM videos v WHERE v.video_id = r.video_id)
       AND NOT EXISTS (SELECT 1 FROM ingest_unavailable_videos u WHERE u.video_id = r.video_id)
     ON CONFLICT (video_id) DO NOTHING
     RETURNING video_id`,
    [
      param.json(
        videos.map((v) => ({
          video_id: v.videoId,
          channel_id: v.channelId,
          published_at: v.publishedAt?.toISOString() ?? null,
          source: v.source,
        })),
      ),
      param.timestamp(at),
    ],
  );
  return new Set(rows.map((r) => r.video_id));
}

/** The next ids to fetch: new uploads first, newest first (ingest_video_queue_order_idx). */
export async function nextQueuedVideos(sql: SqlExecutor, limit: number): Promise<string[]> {
  const { rows } = await sql.query<{ video_id: string }>(
    `SELECT video_id FROM ingest_video_queue
     ORDER BY source DESC, published_at DESC NULLS LAST, video_id LIMIT $1`,
    [limit],
  );
  return rows.map((r) => r.video_id);
}

export async function countQueuedVideos(sql: SqlExecutor): Promise<number> {
  const { rows } = await sql.query<{ n: number }>('SELECT count(*)::int AS n FROM ingest_video_queue');
  return rows[0]?.n ?? 0;
}
