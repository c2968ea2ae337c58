import { lockRollups } from '../rollups/lockRollups.ts';
import { param } from '../sql/param.ts';
import type { SqlExecutor } from '../sql/SqlClient.ts';

/** A video row as the ingest writes it (built from API responses by functions/ingest/youtube/toRecords.ts). */
export interface VideoRow {
  readonly videoId: string;
  readonly channelId: string;
  readonly title: string;
  readonly description: string | null;
  readonly publishedAt: Date;
  readonly durationSeconds: number | null;
  readonly categoryId: number | null;
  readonly tags: readonly string[];
  readonly views: number | null;
  readonly likes: number | null;
  readonly dislikes: number | null;
  readonly comments: number | null;
  readonly commentsDisabled: boolean;
  readonly ratingsDisabled: boolean;
}

// Every statement is a Data API call in AWS, so each step is one statement: data-modifying CTEs
// put the video upsert and its snapshot (and the two bookkeeping deletes) in one call each.
// A video of a channel that is not in channels is skipped; a category the categories table does
// not know is stored as NULL rather than failing the foreign key (both are logged upstream).
// Rows are updated only when a value changed, so a rerun with the same answers writes nothing.
// The snapshot's foreign key sees the videos inserted by the CTE: RI checks run at statement end.
const UPSERT_VIDEOS_AND_SNAPSHOTS = `WITH r AS (
  SELECT * FROM jsonb_to_recordset($1) AS r(video_id text, channel_id text, title text, description text,
    published_at timestamptz, duration_seconds integer, category_id integer, tags jsonb, views bigint,
    likes bigint, dislikes bigint, comments bigint, comments_disabled boolean, ratings_disabled boolean)
  WHERE EXISTS (SELECT 1 FROM channels c WHERE c.channel_id = r.channel_id)
), upserted AS (
  INSERT INTO videos AS v (video_id, channel_id, title, description, published_at, duration_seconds,
    category_id, tags, views, likes, dislikes, comments, comments_disabled, ratings_disabled, removed, stats_day)
  SELECT r.video_id, r.channel_id, r.title, r.description, r.published_at, r.duration_seconds,
    (SELECT k.category_id FROM categories k WHERE k.category_id = r.category_id),
    ARRAY(SELECT jsonb_array_elements_text(r.tags)), r.views, r.likes, r.dislikes, r.comments,
    r.comments_disabled, r.ratings_disabled, false, $2
  FROM r
  ON CONFLICT (video_id) DO UPDATE SET
    channel_id = EXCLUDED.channel_id, title = EXCLUDED.title, description = EXCLUDED.description,
    published_at = EXCLUDED.published_at, duration_seconds = EXCLUDED.duration_seconds,
    category_id = EXCLUDED.category_id, tags = EXCLUDED.tags, views = EXCLUDED.views,
    likes = EXCLUDED.likes, dislikes = EXCLUDED.dislikes, comments = EXCLUDED.comments,
    comments_disabled = EXCLUDED.comments_disabled, ratings_disabled = EXCLUDED.ratings_disabled,
    removed = false, stats_day = EXCLUDED.stats_day, updated_at = now()
  WHERE (v.channel_id, v.title, v.description, v.published_at, v.duration_seconds, v.category_id, v.tags,
         v.views, v.likes, v.dislikes, v.comments, v.comments_disabled, v.ratings_disabled, v.removed, v.stats_day)
    IS DISTINCT FROM (EXCLUDED.channel_id, EXCLUDED.title, EXCLUDED.description, EXCLUDED.published_at,
         EXCLUDED.duration_seconds, EXCLUDED.category_id, EXCLUDED.tags, EXCLUDED.views, EXCLUDED.likes,
         EXCLUDED.dislikes, EXCLUDED.comments, EXCLUDED.comments_disabled, EXCLUDED.ratings_disabled,
         false, EXCLUDED.stats_day)
)
-- One snapshot per video per day (PRIMARY KEY (video_id, day)); a video without a view count
-- (hidden statistics) gets none, since views is NOT NULL there.
INSERT INTO video_daily_stats AS s (video_id, day, views, likes, dislikes, comments)
SELECT r.video_id, $2, r.views, r.likes, r.dislikes, r.comments FROM r WHERE r.views IS NOT NULL
ON CONFLICT (video_id, day) DO UPDATE SET
  views = EXCLUDED.views, likes = EXCLUDED.likes, dislikes = EXCLUDED.dislikes, comments = EXCLUDED.comments
WHERE (s.views, s.likes, s.dislikes, s.comments)
  IS DISTINCT FROM (EXCLUDED.views, EXCLUDED.likes, EXCLUDED.dislikes, EXCLUDED.comments)`;

// Known videos that did not come back are marked removed; ids never fetched successfully are
// remembered as unavailable, so the top-of-playlist scan does not find them "new" every day.
const MARK_GONE = `WITH marked AS (
  UPDATE videos SET removed = true, updated_at = now()
  WHERE video_id IN (SELECT jsonb_array_elements_text($1)) AND NOT removed
  RETURNING video_id
), remembered AS (
  INSERT INTO ingest_unavailable_videos (video_id, seen_at)
  SELECT id, now() FROM jsonb_array_elements_text($1) AS id
  WHERE NOT EXISTS (SELECT 1 FROM videos v WHERE v.video_id = id)
  ON CONFLICT (video_id) DO NOTHING
)
SELECT count(*)::int AS removed FROM marked`;

// Every requested id leaves the queue; one that came back is no longer unavailable.
const DEQUEUE = `WITH forgotten AS (
  DELETE FROM ingest_unavailable_videos WHERE video_id IN (SELECT jsonb_array_elements_text($2))
)
DELETE FROM ingest_video_queue WHERE video_id IN (SELECT jsonb_array_elements_text($1))`;

/**
 * Writes one videos.list answer: upserts the videos that came back with their snapshot for `day`,
 * marks known videos that did not come back (deleted, private) as removed, and takes every
 * requested id off the queue. Returns how many videos were marked removed.
 */
export async function upsertVideos(
  sql: SqlExecutor,
  input: { requested: readonly string[]; found: readonly VideoRow[]; gone: readonly string[]; day: string },
): Promise<{ removed: number }> {
  if (input.found.length) {
    // Before the statement's row locks (see lockRollups): this must be the first write of the
    // transaction, and is (fetchVideos writes the quota after it).
    await lockRollups(sql);
    const json = param.json(
      input.found.map((v) => ({
        video_id: v.videoId,
        channel_id: v.channelId,
        title: v.title,
        description: v.description,
        published_at: v.publishedAt.toISOString(),
        duration_seconds: v.durationSeconds,
        category_id: v.categoryId,
        tags: v.tags,
        views: v.views,
        likes: v.likes,
        dislikes: v.dislikes,
        comments: v.comments,
        comments_disabled: v.commentsDisabled,
        ratings_disabled: v.ratingsDisabled,
      })),
    );
    await sql.query(UPSERT_VIDEOS_AND_SNAPSHOTS, [json, param.date(input.day)]);
  }
  let removed = 0;
  if (input.gone.length) {
    const { rows } = await sql.query<{ removed: number }>(MARK_GONE, [param.json(input.gone)]);
    removed = rows[0]?.removed ?? 0;
  }
  await sql.query(DEQUEUE, [param.json(input.requested), param.json(input.found.map((v) => v.videoId))]);
  return { removed };
}
