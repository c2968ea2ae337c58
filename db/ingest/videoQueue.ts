import { param } from '../sql/param.ts';
import type { SqlExecutor } from '../sql/SqlClient.ts';

export interface QueuedVideo {
  readonly videoId: string;
  readonly channelId: string;
  readonly publishedAt: Date | null;
  /** 'upload': newer than anything known (most valuable); 'backfill': the history walk. */
  readonly source: 'upload' | 'backfill';
}

/** Which of these ids (at most a page, 50) are already in videos, the queue, or known unavailable. */
export async function knownVideoIds(sql: SqlExecutor, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const { rows } = await sql.query<{ video_id: string }>(
    `SELECT video_id FROM videos WHERE video_id IN (SELECT jsonb_array_elements_text($1))
     UNION SELECT video_id FROM ingest_video_queue WHERE video_id IN (SELECT jsonb_array_elements_text($1))
     UNION SELECT video_id FROM ingest_unavailable_videos WHERE video_id IN (SELECT jsonb_array_elements_text($1))`,
    [param.json(ids)],
  );
  return new Set(rows.map((r) => r.video_id));
}

/** Adds videos to the queue; one already queued keeps its place. */
export async function enqueueVideos(
  sql: SqlExecutor,
  videos: readonly QueuedVideo[],
  at: Date,
): Promise<number> {
  if (videos.length === 0) return 0;
  const { rowCount } = await sql.query(
    `INSERT INTO ingest_video_queue (video_id, channel_id, published_at, source, discovered_at)
     SELECT r.video_id, r.channel_id, r.published_at, r.source, $2
     FROM jsonb_to_recordset($1) AS r(video_id text, channel_id text, published_at timestamptz, source text)
     ON CONFLICT (video_id) DO NOTHING`,
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
  return rowCount;
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
