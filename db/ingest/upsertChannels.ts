import { param } from '../sql/param.ts';
import type { SqlExecutor } from '../sql/SqlClient.ts';

/** A channel row as the ingest writes it (built from API responses by functions/ingest/youtube/toRecords.ts). */
export interface ChannelRow {
  readonly channelId: string;
  readonly title: string;
  readonly handle: string | null;
  readonly uploadsPlaylistId: string | null;
  readonly publishedAt: Date | null;
  readonly subscribers: number | null;
  readonly views: number | null;
  readonly videoCount: number | null;
}

const toJson = (rows: readonly ChannelRow[]) =>
  param.json(
    rows.map((c) => ({
      channel_id: c.channelId,
      title: c.title,
      handle: c.handle,
      uploads_playlist_id: c.uploadsPlaylistId,
      published_at: c.publishedAt?.toISOString() ?? null,
      subscribers: c.subscribers,
      views: c.views,
      video_count: c.videoCount,
    })),
  );

const RECORDS = `jsonb_to_recordset($1) AS r(channel_id text, title text, handle text, uploads_playlist_id text,
  published_at timestamptz, subscribers bigint, views bigint, video_count bigint)`;

// Updates only rows whose values changed, so a rerun with the same answers writes nothing.
const UPSERT_CHANNELS = `INSERT INTO channels AS c (channel_id, title, handle, uploads_playlist_id, published_at,
  subscriber_count, view_count, video_count)
SELECT r.channel_id, r.title, r.handle, r.uploads_playlist_id, r.published_at, r.subscribers, r.views, r.video_count
FROM ${RECORDS}
ON CONFLICT (channel_id) DO UPDATE SET
  title = EXCLUDED.title,
  handle = COALESCE(EXCLUDED.handle, c.handle),
  uploads_playlist_id = COALESCE(EXCLUDED.uploads_playlist_id, c.uploads_playlist_id),
  published_at = COALESCE(EXCLUDED.published_at, c.published_at),
  subscriber_count = EXCLUDED.subscriber_count,
  view_count = EXCLUDED.view_count,
  video_count = EXCLUDED.video_count,
  id_derived = false,
  updated_at = now()
WHERE (c.title, c.handle, c.uploads_playlist_id, c.published_at, c.subscriber_count, c.view_count,
       c.video_count, c.id_derived)
  IS DISTINCT FROM (EXCLUDED.title, COALESCE(EXCLUDED.handle, c.handle),
       COALESCE(EXCLUDED.uploads_playlist_id, c.uploads_playlist_id),
       COALESCE(EXCLUDED.published_at, c.published_at), EXCLUDED.subscriber_count,
       EXCLUDED.view_count, EXCLUDED.video_count, false)`;

// One snapshot per channel per day (PRIMARY KEY (channel_id, day)): a second run the same day
// updates it in place.
const UPSERT_SNAPSHOTS = `INSERT INTO channel_daily_stats AS s (channel_id, day, subscribers, views, videos)
SELECT r.channel_id, $2, r.subscribers, r.views, r.video_count FROM ${RECORDS}
ON CONFLICT (channel_id, day) DO UPDATE SET
  subscribers = EXCLUDED.subscribers, views = EXCLUDED.views, videos = EXCLUDED.videos
WHERE (s.subscribers, s.views, s.videos) IS DISTINCT FROM (EXCLUDED.subscribers, EXCLUDED.views, EXCLUDED.videos)`;

/** Upserts channels only (no snapshot): what `track` writes when it first sees a channel. */
export async function upsertChannelRows(sql: SqlExecutor, rows: readonly ChannelRow[]): Promise<void> {
  if (rows.length) await sql.query(UPSERT_CHANNELS, [toJson(rows)]);
}

/** Upserts channels and their snapshot for `day` ('YYYY-MM-DD'). */
export async function upsertChannels(
  sql: SqlExecutor,
  rows: readonly ChannelRow[],
  day: string,
): Promise<void> {
  if (rows.length === 0) return;
  const json = toJson(rows);
  await sql.query(UPSERT_CHANNELS, [json]);
  await sql.query(UPSERT_SNAPSHOTS, [json, param.date(day)]);
}
