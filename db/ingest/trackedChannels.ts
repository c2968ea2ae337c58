import { param } from '../sql/param.ts';
import type { SqlExecutor } from '../sql/SqlClient.ts';

/** A tracked channel with what the ingest knows about it. */
export interface TrackedChannel {
  readonly channelId: string;
  readonly title: string;
  readonly handle: string | null;
  readonly uploadsPlaylistId: string | null;
  /** The channel's public video count at the last channels.list, if any. */
  readonly videoCount: number | null;
  readonly uploadsComplete: boolean;
  readonly uploadsPageToken: string | null;
  /** Videos of the channel in the videos table. */
  readonly knownVideos: number;
  /** Videos of the channel waiting in the queue. */
  readonly queuedVideos: number;
  readonly status: 'ok' | 'not_found';
}

// Keyset pages of 500 rows: the Data API returns at most 1,000 records a call.
const PAGE = 500;

const LIST = `SELECT t.channel_id, c.title, COALESCE(t.handle, c.handle) AS handle, c.uploads_playlist_id,
  c.video_count::float8 AS video_count, t.uploads_complete, t.uploads_page_token, t.status,
  (SELECT count(*) FROM videos v WHERE v.channel_id = t.channel_id)::int AS known_videos,
  (SELECT count(*) FROM ingest_video_queue q WHERE q.channel_id = t.channel_id)::int AS queued_videos
FROM tracked_channels t JOIN channels c USING (channel_id)
WHERE t.active AND t.channel_id > $1
ORDER BY t.channel_id
LIMIT ${PAGE}`;

interface Row {
  channel_id: string;
  title: string;
  handle: string | null;
  uploads_playlist_id: string | null;
  video_count: number | null;
  uploads_complete: boolean;
  uploads_page_token: string | null;
  status: 'ok' | 'not_found';
  known_videos: number;
  queued_videos: number;
  [k: string]: unknown;
}

/** Every active tracked channel, in channel id order. */
export async function listTrackedChannels(sql: SqlExecutor): Promise<TrackedChannel[]> {
  const out: TrackedChannel[] = [];
  let after = '';
  for (;;) {
    const { rows } = await sql.query<Row>(LIST, [after]);
    for (const r of rows) {
      out.push({
        channelId: r.channel_id,
        title: r.title,
        handle: r.handle,
        uploadsPlaylistId: r.uploads_playlist_id,
        videoCount: r.video_count,
        uploadsComplete: r.uploads_complete,
        uploadsPageToken: r.uploads_page_token,
        knownVideos: r.known_videos,
        queuedVideos: r.queued_videos,
        status: r.status,
      });
    }
    if (rows.length < PAGE) return out;
    after = rows.at(-1)?.channel_id ?? after;
  }
}

/** Starts tracking a channel (already in channels); tracking it again only reactivates it. */
export async function addTrackedChannel(
  sql: SqlExecutor,
  channelId: string,
  handle: string | null,
  at: Date,
): Promise<{ added: boolean }> {
  const { rowCount } = await sql.query(
    `INSERT INTO tracked_channels (channel_id, handle, added_at) VALUES ($1, $2, $3)
     ON CONFLICT (channel_id) DO UPDATE SET active = true, handle = COALESCE(EXCLUDED.handle, tracked_channels.handle)
     WHERE NOT tracked_channels.active`,
    [channelId, handle, param.timestamp(at)],
  );
  return { added: rowCount > 0 };
}

/** Saves where the walk of a channel's uploads playlist stands. */
export async function saveUploadsCursor(
  sql: SqlExecutor,
  channelId: string,
  cursor: { pageToken: string | null; complete: boolean },
): Promise<void> {
  await sql.query(
    `UPDATE tracked_channels SET uploads_page_token = $2, uploads_complete = $3
     WHERE channel_id = $1 AND (uploads_page_token, uploads_complete) IS DISTINCT FROM ($2, $3)`,
    [channelId, cursor.pageToken, cursor.complete],
  );
}

/** Records the outcome of channels.list for tracked channels: found (ok) or not found. */
export async function saveChannelStatus(
  sql: SqlExecutor,
  found: readonly string[],
  missing: readonly string[],
  at: Date,
): Promise<void> {
  if (found.length) {
    await sql.query(
      `UPDATE tracked_channels SET status = 'ok', last_ingested_at = $2
       WHERE channel_id IN (SELECT jsonb_array_elements_text($1))`,
      [param.json(found), param.timestamp(at)],
    );
  }
  if (missing.length) {
    await sql.query(
      `UPDATE tracked_channels SET status = 'not_found' WHERE channel_id IN (SELECT jsonb_array_elements_text($1))`,
      [param.json(missing)],
    );
  }
}

/** A channel that `untrackChannel` stopped tracking. */
export interface UntrackedChannel {
  readonly channelId: string;
  readonly title: string;
  readonly handle: string | null;
}

/**
 * Stops tracking the channel with this id or @handle (handles compare without case, as YouTube's
 * do). Only the tracking stops: the channel, its videos and their history stay, and tracking it
 * again resumes where the walk of its uploads left off. Undefined when no active tracked channel
 * matches.
 */
export async function untrackChannel(sql: SqlExecutor, ref: string): Promise<UntrackedChannel | undefined> {
  const { rows } = await sql.query<{ channel_id: string; title: string; handle: string | null }>(
    `UPDATE tracked_channels t SET active = false
     FROM channels c
     WHERE c.channel_id = t.channel_id AND t.active
       AND (t.channel_id = $1 OR lower(COALESCE(t.handle, c.handle)) = lower($1))
     RETURNING t.channel_id, c.title, COALESCE(t.handle, c.handle) AS handle`,
    [ref],
  );
  const r = rows[0];
  return r && { channelId: r.channel_id, title: r.title, handle: r.handle };
}
