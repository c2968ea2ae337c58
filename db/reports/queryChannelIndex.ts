import { param } from '../sql/param.ts';
import type { SqlClient, SqlExecutor } from '../sql/SqlClient.ts';
import type { ChannelIndexEntry } from './contract/index.ts';
import { clipped, isoUtc, medianOf, rounded } from './sqlFragments.ts';

/** A channel index entry plus the fingerprint that tells an incremental refresh it changed. */
export interface ChannelIndexRow {
  readonly entry: ChannelIndexEntry;
  /**
   * md5 over the channel row, its newest daily channel snapshot day, its videos' count and the sum
   * of a 64-bit hash of each video's latest counts and metadata, and its rollup rows (channel_view_days: the whole views-over-time series, so a
   * corrected older video snapshot counts too, for ~90 rows a channel). Equal fingerprints mean the
   * channel's report needs no recomputation (older daily channel snapshots are not covered: see
   * docs/refresh.md, a full refresh recomputes everything).
   */
  readonly fingerprint: string;
  /**
   * Points in the channel's views-over-time series (its rows in channel_view_days), which sizes
   * its share of a batch (planChannelBatches); absent on an entry carried from the previous
   * publication.
   */
  readonly seriesDays?: number;
}

// Every channel in one set-based statement, read through a cursor $PAGE rows at a time (a Data API
// response over 1 MiB is an error). One aggregate of videos grouped by channel instead of a lateral lookup
// per channel: the lookups read each channel's videos through videos_channel_published_idx and
// then ~100 heap pages scattered over the table, 20 pages of 500 channels taking ~0.4 s each
// at 1 M videos. The rollup rows are aggregated the same way: a channel's ~30-90 rows sit on as
// many heap pages (one written per day), so a probe per channel read 300,000 pages at 10,000
// channels. The newest channel snapshot day stays one index-only probe per channel.
//
// `only` (a condition on channel_id, e.g. `IN (...)`) restricts every part to some channels: the
// same aggregates per channel, so an entry and its fingerprint are the same as in the whole index.
const indexSql = (only = '') => /* sql */ `
SELECT c.channel_id, ${clipped('c.title')} AS title, ${clipped('c.handle')} AS handle, c.subscriber_count::float8 AS subscribers,
       COALESCE(s.videos, 0) AS videos, COALESCE(s.views, 0) AS views, COALESCE(s.likes, 0) AS likes,
       COALESCE(s.comments, 0) AS comments, COALESCE(s.median_views, 0) AS median_views,
       s.likes_per_1000, s.comments_per_1000, s.first_upload, s.last_upload, s.data_as_of,
       COALESCE(r.days, 0) AS series_days,
       md5(format('%s|%s|%s|%s|%s|%s|', c.title, c.handle, c.subscriber_count, c.view_count, c.video_count,
                  (SELECT max(d.day) FROM channel_daily_stats d WHERE d.channel_id = c.channel_id))
           || COALESCE(s.video_digest, '')
           || COALESCE(r.series, '')) AS fingerprint
FROM channels c
LEFT JOIN (
  SELECT r.channel_id, string_agg(format('%s:%s:%s', r.day, r.views_delta, r.snapshots), ',' ORDER BY r.day) AS series,
         count(*)::int AS days
  FROM channel_view_days r${only && ` WHERE r.channel_id ${only}`}
  GROUP BY r.channel_id
) r USING (channel_id)
LEFT JOIN (
  SELECT v.channel_id,
         count(v.video_id)::int AS videos,
         COALESCE(sum(v.views), 0)::float8 AS views,
         COALESCE(sum(v.likes), 0)::float8 AS likes,
         COALESCE(sum(v.comments), 0)::float8 AS comments,
         ${medianOf('COALESCE(v.views, 0)')} AS median_views,
         ${rounded(
           `sum(v.likes) FILTER (WHERE v.likes IS NOT NULL AND NOT v.ratings_disabled)::float8 * 1000
            / NULLIF(sum(v.views) FILTER (WHERE v.likes IS NOT NULL AND NOT v.ratings_disabled), 0)`,
         )} AS likes_per_1000,
         ${rounded(
           `sum(v.comments) FILTER (WHERE v.comments IS NOT NULL AND NOT v.comments_disabled)::float8 * 1000
            / NULLIF(sum(v.views) FILTER (WHERE v.comments IS NOT NULL AND NOT v.comments_disabled), 0)`,
         )} AS comments_per_1000,
         ${isoUtc('min(v.published_at)')} AS first_upload,
         ${isoUtc('max(v.published_at)')} AS last_upload,
         max(v.stats_day) AS data_as_of,
         -- Order-independent: no sort of each channel's videos and no text per video (an md5 of
         -- every video's fields as text, in video_id order, took 2.3 s of the 3.5 s at 1 M videos;
         -- this sum 0.6 s). Adding, changing or removing a video changes it but for a 64-bit
         -- hash collision; the count is in the digest too.
         count(*) || ':' || sum(hash_record_extended(
           (v.video_id, v.views, v.likes, v.comments, v.stats_day, v.published_at, v.duration_seconds,
            v.category_id, v.title), 0)::numeric) AS video_digest
  FROM videos v${only && ` WHERE v.channel_id ${only}`}
  GROUP BY v.channel_id
) s USING (channel_id)${only && `\nWHERE c.channel_id ${only}`}
ORDER BY c.channel_id`;

const DECLARE_SQL = `DECLARE channel_index NO SCROLL CURSOR FOR ${indexSql()}`;

// The channels named by a jsonb array ($1): an index probe per channel (videos_channel_published_idx,
// the rollups' primary key) instead of a pass over every video.
const ENTRIES_SQL = indexSql('IN (SELECT jsonb_array_elements_text($1::jsonb))');

type Raw = {
  channel_id: string;
  title: string;
  handle: string | null;
  subscribers: number | null;
  videos: number;
  views: number;
  likes: number;
  comments: number;
  median_views: number;
  likes_per_1000: number | null;
  comments_per_1000: number | null;
  first_upload: string | null;
  last_upload: string | null;
  data_as_of: string | null;
  series_days: number;
  fingerprint: string;
};

/**
 * Every channel in channel_id order, fetched `pageSize` rows a call from one cursor in one
 * read-only transaction. 500 rows of ~15 fields stay far below the Data API's 1 MiB response
 * limit (about 0.4 MB measured with 100-character titles).
 */
export async function queryChannelIndex(db: SqlClient, pageSize = 500): Promise<ChannelIndexRow[]> {
  return db.transaction(async (tx) => {
    // The per-channel medians and digests sort 1 M rows: in memory rather than spilled to disk
    // with the default 4 MB. SET LOCAL ends with the transaction.
    await tx.query(`SET LOCAL work_mem = '64MB'`);
    await tx.query(DECLARE_SQL);
    const index: ChannelIndexRow[] = [];
    for (;;) {
      const { rows } = await tx.query<Raw>(`FETCH FORWARD ${Math.trunc(pageSize)} FROM channel_index`);
      index.push(...rows.map(toRow));
      if (rows.length < pageSize) return index;
    }
  });
}

function toRow(r: Raw): ChannelIndexRow {
  return {
    fingerprint: r.fingerprint,
    seriesDays: Number(r.series_days),
    entry: {
      channelId: r.channel_id,
      title: r.title,
      handle: r.handle,
      subscribers: r.subscribers,
      videos: r.videos,
      views: r.views,
      likes: r.likes,
      comments: r.comments,
      medianViews: r.median_views,
      likesPer1000: r.likes_per_1000,
      commentsPer1000: r.comments_per_1000,
      firstUpload: r.first_upload,
      lastUpload: r.last_upload,
      dataAsOf: r.data_as_of,
    },
  };
}

/**
 * The index rows of the given channels (those that exist), in channel_id order: equal to their
 * rows in queryChannelIndex. 500 ids a statement, as the whole index's pages.
 */
export async function queryChannelIndexEntries(
  db: SqlExecutor,
  channelIds: readonly string[],
  sliceSize = 500,
): Promise<ChannelIndexRow[]> {
  const rows: ChannelIndexRow[] = [];
  for (let i = 0; i < channelIds.length; i += sliceSize) {
    const slice = channelIds.slice(i, i + sliceSize);
    rows.push(...(await db.query<Raw>(ENTRIES_SQL, [param.json(slice)])).rows.map(toRow));
  }
  return rows;
}
