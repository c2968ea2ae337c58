import type { BulkSession } from './bulkSession.ts';
import { writeChannelSnapshots, writeVideoSnapshots } from './trackerSnapshotWrites.ts';
import {
  CHANNEL_LATEST,
  channelDailyStaging,
  channelReferenceStaging,
  VIDEO_KEYS,
  videoSnapshotStaging,
} from './trackerStaging.ts';

/**
 * The merge of a staged chunk of a tracker file into the tables, as set-based statements, and
 * what the end of the load settles from every chunk. Every statement writes only rows whose
 * values change, so loading the same file again changes nothing, not even updated_at.
 */
const D = channelDailyStaging.table;
const V = videoSnapshotStaging.table;
const R = channelReferenceStaging.table;

// A chunk's new channels, titled from their last line (known channels, and every final title,
// are settled at the end). A hash aggregate over the chunk, not a sort of it.
const newChannels = (staging: string) => /* sql */ `
INSERT INTO channels (channel_id, title)
SELECT s.channel_id, s.channel_title FROM ${staging} s
WHERE s.line IN (SELECT max(line) FROM ${staging} GROUP BY channel_id)
ON CONFLICT (channel_id) DO NOTHING`;

// Each channel's newest record of the chunk (by `key`, then line), found with hash aggregates.
const keepLatest = (staging: string, key: string, at: string) => /* sql */ `
INSERT INTO ${CHANNEL_LATEST} (channel_id, day, at, line, channel_title)
SELECT s.channel_id, s.day, ${at}, s.line, s.channel_title FROM ${staging} s
WHERE s.line IN (
  SELECT max(x.line) FROM ${staging} x
  JOIN (SELECT channel_id, max(${key}) AS newest FROM ${staging} GROUP BY channel_id) m
    ON m.channel_id = x.channel_id AND x.${key} = m.newest
  GROUP BY x.channel_id)`;

const keepLatestReference = /* sql */ `
INSERT INTO ${CHANNEL_LATEST} (channel_id, day, at, line, channel_title)
SELECT DISTINCT ON (channel_id) channel_id, (last_seen_at AT TIME ZONE 'UTC')::date, last_seen_at, line,
  channel_title
FROM ${R}
ORDER BY channel_id, last_seen_at DESC NULLS LAST, line DESC`;

const VIDEO_ORDER = 'snapshot_at DESC, line DESC';
const REFERENCE_ORDER = 'last_seen_at DESC NULLS LAST, line DESC';

const PLACEHOLDER_CATEGORIES = /* sql */ `
INSERT INTO categories (category_id, title, assignable)
SELECT DISTINCT category_id, 'Category ' || category_id, false FROM ${V} WHERE category_id IS NOT NULL
ON CONFLICT (category_id) DO NOTHING`;

// A video's title, publication and latest counts come from its newest snapshot, and only when
// that is at least as new as what the database holds (videos.stats_day), as in the trending
// merge. Description and tags are not in the file: a known video keeps them. An empty length or
// category leaves a known one alone.
const UPSERT_VIDEOS = /* sql */ `
INSERT INTO videos AS v (video_id, channel_id, title, published_at, duration_seconds, category_id,
  views, likes, comments, stats_day)
SELECT DISTINCT ON (video_id) video_id, channel_id, title, published_at, duration_seconds, category_id,
  views, likes, comments, day
FROM ${V}
ORDER BY video_id, ${VIDEO_ORDER}
ON CONFLICT (video_id) DO UPDATE SET
  channel_id = excluded.channel_id, title = excluded.title, published_at = excluded.published_at,
  duration_seconds = COALESCE(excluded.duration_seconds, v.duration_seconds),
  category_id = COALESCE(excluded.category_id, v.category_id),
  views = excluded.views, likes = excluded.likes, comments = excluded.comments,
  stats_day = excluded.stats_day, updated_at = now()
WHERE v.stats_day IS NULL OR excluded.stats_day > v.stats_day OR (excluded.stats_day = v.stats_day AND
  (v.channel_id, v.title, v.published_at, v.duration_seconds, v.category_id, v.views, v.likes, v.comments)
  IS DISTINCT FROM (excluded.channel_id, excluded.title, excluded.published_at,
   COALESCE(excluded.duration_seconds, v.duration_seconds), COALESCE(excluded.category_id, v.category_id),
   excluded.views, excluded.likes, excluded.comments))`;

const KEEP_VIDEO_KEYS = /* sql */ `INSERT INTO ${VIDEO_KEYS} (video_id) SELECT DISTINCT video_id FROM ${V}`;

// Channels from the reference file: a field the file leaves empty keeps what is known, except
// the country, which the file states (empty: the channel has none set). Titles are settled by
// SETTLE_TITLES like the other files'.
const UPSERT_REFERENCE_CHANNELS = /* sql */ `
INSERT INTO channels AS c (channel_id, title, handle, country, published_at, uploads_playlist_id)
SELECT DISTINCT ON (channel_id) channel_id, channel_title, handle, country, published_at, uploads_playlist_id
FROM ${R}
ORDER BY channel_id, ${REFERENCE_ORDER}
ON CONFLICT (channel_id) DO UPDATE SET
  handle = COALESCE(excluded.handle, c.handle), country = excluded.country,
  published_at = COALESCE(excluded.published_at, c.published_at),
  uploads_playlist_id = COALESCE(excluded.uploads_playlist_id, c.uploads_playlist_id),
  id_derived = false, updated_at = now()
WHERE (c.handle, c.country, c.published_at, c.uploads_playlist_id, c.id_derived) IS DISTINCT FROM
  (COALESCE(excluded.handle, c.handle), excluded.country, COALESCE(excluded.published_at, c.published_at),
   COALESCE(excluded.uploads_playlist_id, c.uploads_playlist_id), false)`;

// A channel's title comes from the file's newest record of it, unless the database already has a
// daily snapshot of a later day (a history file loaded after newer data does not turn the title
// back). A record without a day (a reference line with no last_seen_utc) counts as current.
const SETTLE_TITLES = /* sql */ `
UPDATE channels c SET title = l.channel_title, updated_at = now()
FROM (SELECT DISTINCT ON (channel_id) channel_id, day, channel_title FROM ${CHANNEL_LATEST}
      ORDER BY channel_id, day DESC NULLS FIRST, at DESC NULLS LAST, line DESC) l
WHERE c.channel_id = l.channel_id AND c.title IS DISTINCT FROM l.channel_title
  AND NOT EXISTS (SELECT 1 FROM channel_daily_stats s WHERE s.channel_id = l.channel_id AND s.day > l.day)`;

// The invariant the ingest keeps too: a channel's latest counts are its newest daily snapshot's.
// One index probe per channel (channel_daily_stats PRIMARY KEY (channel_id, day), backwards).
const SETTLE_LATEST_COUNTS = /* sql */ `
UPDATE channels c SET subscriber_count = n.subscribers, view_count = n.views, video_count = n.videos,
  updated_at = now()
FROM (SELECT DISTINCT channel_id FROM ${CHANNEL_LATEST}) t
CROSS JOIN LATERAL (
  SELECT s.subscribers, s.views, s.videos FROM channel_daily_stats s
  WHERE s.channel_id = t.channel_id ORDER BY s.day DESC LIMIT 1
) n
WHERE c.channel_id = t.channel_id
  AND (c.subscriber_count, c.view_count, c.video_count) IS DISTINCT FROM (n.subscribers, n.views, n.videos)`;

/** Merges a staged chunk of daily channel snapshots (`mayRepeat`: see writeChannelSnapshots). */
export async function mergeChannelDailyChunk(session: BulkSession, mayRepeat: boolean): Promise<void> {
  await session.query(newChannels(D));
  await writeChannelSnapshots(session, mayRepeat);
  await session.query(keepLatest(D, 'day', 'NULL::timestamptz'));
}

/** Merges a staged chunk of video snapshots. */
export async function mergeVideoSnapshotChunk(session: BulkSession): Promise<void> {
  await session.query(PLACEHOLDER_CATEGORIES);
  await session.query(newChannels(V));
  await session.query(UPSERT_VIDEOS);
  await writeVideoSnapshots(session);
  await session.query(KEEP_VIDEO_KEYS);
  await session.query(keepLatest(V, 'snapshot_at', 'snapshot_at'));
}

/** Merges a staged chunk of the channels reference file. */
export async function mergeChannelReferenceChunk(session: BulkSession): Promise<void> {
  await session.query(UPSERT_REFERENCE_CHANNELS);
  await session.query(keepLatestReference);
}

/** After the last chunk: channel titles (and latest counts, for daily snapshots); the counts. */
export async function finishTrackerMerge(
  session: BulkSession,
  options: { latestCounts: boolean },
): Promise<{ channels: number; videos: number }> {
  await session.query(SETTLE_TITLES);
  if (options.latestCounts) await session.query(SETTLE_LATEST_COUNTS);
  const [counted] = await session.query(
    `SELECT (SELECT count(DISTINCT channel_id) FROM ${CHANNEL_LATEST})::int AS channels,
            (SELECT count(DISTINCT video_id) FROM ${VIDEO_KEYS})::int AS videos`,
  );
  return { channels: Number(counted!.channels), videos: Number(counted!.videos) };
}
