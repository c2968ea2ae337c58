import { parseCount, parseVideoId } from './parseFields.ts';
import type { CsvFormat } from './readCsvRecords.ts';
import {
  optionalText,
  parseChannelId,
  parseHandle,
  parseIsoDuration,
  parseMonth,
  parseOptionalCategoryId,
  parseOptionalUtcTime,
  parseUtcDay,
  parseUtcTime,
} from './trackerFields.ts';

/**
 * The CSV files a tracker writes: a small scheduled job that asks the YouTube Data API for the
 * counts of a list of channels (and their videos) and appends them to CSV files. Three shapes,
 * told apart by their header.
 */
export type TrackerFormatName = 'tracker-channel-daily' | 'tracker-video-snapshots' | 'tracker-channels';

/** One channel's counts on one UTC day (counts the API hides are empty). */
export interface ChannelDailyRow {
  readonly line: number;
  readonly day: string;
  readonly channelId: string;
  readonly channelTitle: string;
  /** As the API gives it: rounded down to 3 significant figures since 2019. */
  readonly subscribers: bigint | null;
  readonly views: bigint | null;
  readonly videos: bigint | null;
}

/** One video's counts at one moment; its day is the UTC day of `snapshotAt`. */
export interface VideoSnapshotRow {
  readonly line: number;
  readonly snapshotAt: string;
  readonly day: string;
  readonly channelId: string;
  readonly channelTitle: string;
  readonly videoId: string;
  readonly publishedAt: string;
  readonly title: string;
  readonly durationSeconds: number | null;
  readonly categoryId: number | null;
  readonly views: bigint;
  readonly likes: bigint | null;
  readonly comments: bigint | null;
}

/** What the tracker knows about a channel (its reference file, one line per channel). */
export interface ChannelReferenceRow {
  readonly line: number;
  readonly channelId: string;
  readonly channelTitle: string;
  readonly handle: string | null;
  readonly country: string | null;
  readonly publishedAt: string | null;
  readonly uploadsPlaylistId: string | null;
  readonly lastSeenAt: string | null;
}

export interface TrackerFormat<Row> extends CsvFormat<Row> {
  readonly name: TrackerFormatName;
}

export const channelDailyFormat: TrackerFormat<ChannelDailyRow> = {
  name: 'tracker-channel-daily',
  description: 'tracker daily channel snapshots',
  columns: ['date_utc', 'channel_id', 'channel_title', 'subscribers', 'views', 'videos'],
  toRow: (f, line) => ({
    line,
    day: parseUtcDay('date_utc', f[0]!),
    channelId: parseChannelId(f[1]!),
    channelTitle: f[2]!,
    subscribers: parseCount('subscribers', f[3]!, true),
    views: parseCount('views', f[4]!, true),
    videos: parseCount('videos', f[5]!, true),
  }),
};

export const videoSnapshotFormat: TrackerFormat<VideoSnapshotRow> = {
  name: 'tracker-video-snapshots',
  description: 'tracker video snapshots',
  columns: [
    'snapshot_month',
    'snapshot_utc',
    'channel_id',
    'channel_title',
    'video_id',
    'published_at',
    'title',
    'duration_iso8601',
    'category_id',
    'view_count',
    'like_count',
    'comment_count',
  ],
  toRow(f, line) {
    parseMonth('snapshot_month', f[0]!);
    const snapshot = parseUtcTime('snapshot_utc', f[1]!);
    return {
      line,
      snapshotAt: snapshot.instant,
      day: snapshot.day,
      channelId: parseChannelId(f[2]!),
      channelTitle: f[3]!,
      videoId: parseVideoId(f[4]!.trim()),
      publishedAt: parseUtcTime('published_at', f[5]!).instant,
      title: f[6]!,
      durationSeconds: parseIsoDuration('duration_iso8601', f[7]!),
      categoryId: parseOptionalCategoryId(f[8]!),
      views: parseCount('view_count', f[9]!)!,
      likes: parseCount('like_count', f[10]!, true),
      comments: parseCount('comment_count', f[11]!, true),
    };
  },
};

export const channelReferenceFormat: TrackerFormat<ChannelReferenceRow> = {
  name: 'tracker-channels',
  description: 'tracker channels reference',
  columns: [
    'channel_id',
    'channel_title',
    'custom_url',
    'channel_url',
    'country',
    'channel_published_at',
    'uploads_playlist_id',
    'last_seen_utc',
  ],
  toRow: (f, line) => ({
    line,
    channelId: parseChannelId(f[0]!),
    channelTitle: f[1]!,
    handle: parseHandle(f[2]!),
    country: optionalText(f[4]!),
    publishedAt: parseOptionalUtcTime('channel_published_at', f[5]!),
    uploadsPlaylistId: optionalText(f[6]!),
    lastSeenAt: parseOptionalUtcTime('last_seen_utc', f[7]!),
  }),
};

export type TrackerRow = ChannelDailyRow | VideoSnapshotRow | ChannelReferenceRow;

export const trackerFormats: readonly TrackerFormat<TrackerRow>[] = [
  channelDailyFormat,
  videoSnapshotFormat,
  channelReferenceFormat,
] as readonly TrackerFormat<TrackerRow>[];
