import type { SqlExecutor } from '../sql/SqlClient.ts';
import type { ChannelIndexEntry } from './contract/index.ts';
import { isoUtc, medianOf, rounded } from './sqlFragments.ts';

/** A channel index entry plus the fingerprint that tells an incremental refresh it changed. */
export interface ChannelIndexRow {
  readonly entry: ChannelIndexEntry;
  /**
   * md5 over the channel row, its newest daily channel snapshot day, every video's latest counts
   * and metadata, and its rollup rows (channel_view_days: the whole views-over-time series, so a
   * corrected older video snapshot counts too, for ~90 rows a channel). Equal fingerprints mean the
   * channel's report needs no recomputation (older daily channel snapshots are not covered: see
   * docs/refresh.md, a full refresh recomputes everything).
   */
  readonly fingerprint: string;
}

// Keyset page over channels by channel_id (channels_pkey): $1 = last channel_id of the previous
// page ('' for the first), $2 = page size. The lateral aggregate reads one channel's videos
// through videos_channel_published_idx and its rollups through their primary key, so a page
// costs its own channels' rows only.
const SQL = /* sql */ `
SELECT c.channel_id, c.title, c.handle, c.subscriber_count::float8 AS subscribers,
       s.videos, s.views, s.likes, s.comments, s.median_views, s.likes_per_1000, s.comments_per_1000,
       s.first_upload, s.last_upload, s.data_as_of,
       md5(format('%s|%s|%s|%s|%s|%s|', c.title, c.handle, c.subscriber_count, c.view_count, c.video_count,
                  (SELECT max(d.day) FROM channel_daily_stats d WHERE d.channel_id = c.channel_id))
           || s.video_digest
           || (SELECT COALESCE(string_agg(format('%s:%s:%s', r.day, r.views_delta, r.snapshots), ',' ORDER BY r.day), '')
               FROM channel_view_days r WHERE r.channel_id = c.channel_id)) AS fingerprint
FROM channels c
CROSS JOIN LATERAL (
  SELECT count(v.video_id)::int AS videos,
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
         COALESCE(string_agg(
           format('%s|%s|%s|%s|%s|%s|%s|%s|%s', v.video_id, v.views, v.likes, v.comments, v.stats_day,
                  v.published_at, v.duration_seconds, v.category_id, v.title),
           ',' ORDER BY v.video_id), '') AS video_digest
  FROM videos v
  WHERE v.channel_id = c.channel_id
) s
WHERE c.channel_id > $1
ORDER BY c.channel_id
LIMIT $2`;

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
  fingerprint: string;
};

/**
 * Channels keyed after `afterChannelId`, in channel_id order. 500 rows of ~15 fields stay far
 * below the Data API's 1 MiB response limit (about 0.4 MB measured with 100-character titles).
 */
export async function queryChannelIndexPage(
  db: SqlExecutor,
  afterChannelId: string,
  limit = 500,
): Promise<ChannelIndexRow[]> {
  const { rows } = await db.query<Raw>(SQL, [afterChannelId, limit]);
  return rows.map((r) => ({
    fingerprint: r.fingerprint,
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
  }));
}

/** Every channel, read page by page (keyset on channel_id). */
export async function* readChannelIndex(db: SqlExecutor, pageSize = 500): AsyncGenerator<ChannelIndexRow[]> {
  let after = '';
  for (;;) {
    const page = await queryChannelIndexPage(db, after, pageSize);
    if (page.length === 0) return;
    yield page;
    if (page.length < pageSize) return;
    after = page[page.length - 1]!.entry.channelId;
  }
}
