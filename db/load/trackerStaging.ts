import type { CopyValue } from './copyText.ts';
import type { ChannelDailyRow, ChannelReferenceRow, VideoSnapshotRow } from './trackerFormats.ts';

/**
 * The temporary tables of a tracker load, dropped at commit: one staging table per kind of file,
 * holding one chunk of records as read, and two narrow tables that gather what the end of the
 * load needs from every chunk.
 */
export interface TrackerStaging<Row> {
  readonly table: string;
  readonly create: string;
  readonly columns: readonly string[];
  values(row: Row): CopyValue[];
}

/** A staging table named once: its columns (name and type, in COPY order) and a row's values. */
function staging<Row>(
  table: string,
  columns: readonly (readonly [string, string])[],
  values: (row: Row) => CopyValue[],
): TrackerStaging<Row> {
  return {
    table,
    create: `CREATE TEMP TABLE ${table} (${columns.map(([n, t]) => `${n} ${t}`).join(', ')}) ON COMMIT DROP`,
    columns: columns.map(([n]) => n),
    values,
  };
}

export const channelDailyStaging = staging<ChannelDailyRow>(
  'tracker_channel_daily_staging',
  [
    ['line', 'integer NOT NULL'],
    ['day', 'date NOT NULL'],
    ['channel_id', 'text NOT NULL'],
    ['channel_title', 'text NOT NULL'],
    ['subscribers', 'bigint'],
    ['views', 'bigint'],
    ['videos', 'bigint'],
  ],
  (r) => [r.line, r.day, r.channelId, r.channelTitle, r.subscribers, r.views, r.videos],
);

export const videoSnapshotStaging = staging<VideoSnapshotRow>(
  'tracker_video_staging',
  [
    ['line', 'integer NOT NULL'],
    ['snapshot_at', 'timestamptz NOT NULL'],
    ['day', 'date NOT NULL'],
    ['channel_id', 'text NOT NULL'],
    ['channel_title', 'text NOT NULL'],
    ['video_id', 'text NOT NULL'],
    ['published_at', 'timestamptz NOT NULL'],
    ['title', 'text NOT NULL'],
    ['duration_seconds', 'integer'],
    ['category_id', 'integer'],
    ['views', 'bigint NOT NULL'],
    ['likes', 'bigint'],
    ['comments', 'bigint'],
  ],
  (r) => [
    r.line,
    r.snapshotAt,
    r.day,
    r.channelId,
    r.channelTitle,
    r.videoId,
    r.publishedAt,
    r.title,
    r.durationSeconds,
    r.categoryId,
    r.views,
    r.likes,
    r.comments,
  ],
);

export const channelReferenceStaging = staging<ChannelReferenceRow>(
  'tracker_channels_staging',
  [
    ['line', 'integer NOT NULL'],
    ['channel_id', 'text NOT NULL'],
    ['channel_title', 'text NOT NULL'],
    ['handle', 'text'],
    ['country', 'text'],
    ['published_at', 'timestamptz'],
    ['uploads_playlist_id', 'text'],
    ['last_seen_at', 'timestamptz'],
  ],
  (r) => [
    r.line,
    r.channelId,
    r.channelTitle,
    r.handle,
    r.country,
    r.publishedAt,
    r.uploadsPlaylistId,
    r.lastSeenAt,
  ],
);

/**
 * Each chunk's newest record per channel (`day`, and `at` when the file has times): at the end
 * the channels' titles (and, for daily snapshots, their latest counts) come from these rows.
 */
export const CHANNEL_LATEST = 'tracker_channel_latest';
export const CREATE_CHANNEL_LATEST = /* sql */ `
CREATE TEMP TABLE ${CHANNEL_LATEST} (
  channel_id text NOT NULL,
  day date,
  at timestamptz,
  line integer NOT NULL,
  channel_title text NOT NULL
) ON COMMIT DROP`;

/** Each chunk's distinct video ids, so the summary can count the file's videos at any size. */
export const VIDEO_KEYS = 'tracker_video_keys';
export const CREATE_VIDEO_KEYS = /* sql */ `CREATE TEMP TABLE ${VIDEO_KEYS} (video_id text NOT NULL) ON COMMIT DROP`;
