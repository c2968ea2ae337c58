import type { CopyValue } from './copyText.ts';
import type { TrendingRow } from './TrendingRow.ts';

/**
 * The per-load staging table: a temporary table dropped at commit, holding one chunk of a file's
 * records as read, so the merge into channels/videos/snapshots runs as a few set-based statements.
 */
export const STAGING_TABLE = 'trending_staging';

export const CREATE_STAGING = /* sql */ `
CREATE TEMP TABLE ${STAGING_TABLE} (
  line integer NOT NULL,
  video_id text NOT NULL,
  day date NOT NULL,
  channel_id text NOT NULL,
  channel_title text NOT NULL,
  id_derived boolean NOT NULL,
  title text NOT NULL,
  description text NOT NULL,
  published_at timestamptz NOT NULL,
  category_id integer NOT NULL,
  tags text[] NOT NULL,
  views bigint NOT NULL,
  likes bigint,
  dislikes bigint,
  comments bigint,
  comments_disabled boolean NOT NULL,
  ratings_disabled boolean NOT NULL,
  removed boolean NOT NULL
) ON COMMIT DROP`;

/**
 * What the merge needs of every record of the file once the chunks are merged: the lines, to
 * report duplicates and views going down, and the channel fields, to give each channel the
 * title of its latest record across all chunks. Narrow, so it costs little to keep.
 */
export const STAGED_KEYS_TABLE = 'trending_staged_keys';

/** The staging columns kept for the whole file (the types come from the staging table). */
export const STAGED_KEY_COLUMNS = 'line, video_id, day, channel_id, channel_title, id_derived';

export const CREATE_STAGED_KEYS = /* sql */ `
CREATE TEMP TABLE ${STAGED_KEYS_TABLE} ON COMMIT DROP AS
SELECT ${STAGED_KEY_COLUMNS} FROM ${STAGING_TABLE} WITH NO DATA`;

export const STAGING_COLUMNS = [
  'line',
  'video_id',
  'day',
  'channel_id',
  'channel_title',
  'id_derived',
  'title',
  'description',
  'published_at',
  'category_id',
  'tags',
  'views',
  'likes',
  'dislikes',
  'comments',
  'comments_disabled',
  'ratings_disabled',
  'removed',
] as const;

/** A TrendingRow as the values of one staging row, in STAGING_COLUMNS order. */
export function stagingValues(r: TrendingRow): CopyValue[] {
  return [
    r.line,
    r.videoId,
    r.day,
    r.channelId,
    r.channelTitle,
    r.channelIdDerived,
    r.title,
    r.description,
    r.publishedAt,
    r.categoryId,
    r.tags,
    r.views,
    r.likes,
    r.dislikes,
    r.comments,
    r.commentsDisabled,
    r.ratingsDisabled,
    r.removed,
  ];
}
