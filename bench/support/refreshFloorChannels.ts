// The floor's statements for the per-channel reports: each computes one part of every channel's
// report over ALL channels in one statement (no paging, no Data API size limits), from the raw
// tables, and returns one row per channel: (channel_id, part as JSON). See refreshFloor.ts.
import {
  BREAKOUT_MULTIPLIER,
  CHANNEL_VIDEOS_LIMIT,
  CURVE_DAYS,
  GROWTH_DAYS,
  PREVIOUS_UPLOADS,
  RECENT_UPLOADS,
} from '../../db/reports/contract/index.ts';
import { isoUtc, medianOf, rounded } from '../../db/reports/sqlFragments.ts';
import type { FloorStatement } from './refreshFloorGlobal.ts';

// channelIndex: every channel's entry (counts, median, rates, first and last upload), one
// aggregate of videos grouped by channel. The product also computes a fingerprint per channel for
// incremental runs; that is bookkeeping, not report content, so the floor leaves it out.
const channelIndex = /* sql */ `
SELECT c.channel_id, json_build_object('channelId', c.channel_id, 'title', c.title, 'handle', c.handle,
  'subscribers', c.subscriber_count::float8, 'videos', COALESCE(s.videos, 0), 'views', COALESCE(s.views, 0),
  'likes', COALESCE(s.likes, 0), 'comments', COALESCE(s.comments, 0), 'medianViews', COALESCE(s.median_views, 0),
  'likesPer1000', s.likes_per_1000, 'commentsPer1000', s.comments_per_1000, 'firstUpload', s.first_upload,
  'lastUpload', s.last_upload, 'dataAsOf', s.data_as_of) AS part
FROM channels c
LEFT JOIN (
  SELECT v.channel_id, count(*)::int AS videos, COALESCE(sum(v.views), 0)::float8 AS views,
         COALESCE(sum(v.likes), 0)::float8 AS likes, COALESCE(sum(v.comments), 0)::float8 AS comments,
         ${medianOf('COALESCE(v.views, 0)')} AS median_views,
         ${rounded(`sum(v.likes) FILTER (WHERE v.likes IS NOT NULL AND NOT v.ratings_disabled)::float8 * 1000
            / NULLIF(sum(v.views) FILTER (WHERE v.likes IS NOT NULL AND NOT v.ratings_disabled), 0)`)} AS likes_per_1000,
         ${rounded(`sum(v.comments) FILTER (WHERE v.comments IS NOT NULL AND NOT v.comments_disabled)::float8 * 1000
            / NULLIF(sum(v.views) FILTER (WHERE v.comments IS NOT NULL AND NOT v.comments_disabled), 0)`)} AS comments_per_1000,
         ${isoUtc('min(v.published_at)')} AS first_upload, ${isoUtc('max(v.published_at)')} AS last_upload,
         max(v.stats_day) AS data_as_of
  FROM videos v GROUP BY v.channel_id
) s USING (channel_id)
ORDER BY COALESCE(s.views, 0) DESC, c.channel_id`;

// videos: each channel's median (lifetime, latest views), every video's rank and median
// multiple, the most viewed CHANNEL_VIDEOS_LIMIT listed and the breakouts (>= 5x the median).
const videos = /* sql */ `
WITH vid AS (
  SELECT v.channel_id, v.video_id, v.title, v.published_at, COALESCE(v.views, 0) AS views,
         COALESCE(v.likes, 0) AS likes, COALESCE(v.comments, 0) AS comments, v.duration_seconds,
         GREATEST(1, COALESCE(v.stats_day, (v.published_at AT TIME ZONE 'UTC')::date)
                     - (v.published_at AT TIME ZONE 'UTC')::date) AS age_days
  FROM videos v
), medians AS (
  SELECT channel_id, ${medianOf('views')} AS median FROM vid GROUP BY channel_id
), ranked AS (
  SELECT vid.*, row_number() OVER (PARTITION BY vid.channel_id ORDER BY vid.views DESC, vid.video_id) AS rank,
         CASE WHEN m.median > 0 THEN ${rounded('vid.views / m.median', 2)} END AS median_multiple,
         (m.median > 0 AND vid.views >= ${BREAKOUT_MULTIPLIER} * m.median) AS breakout
  FROM vid JOIN medians m USING (channel_id)
)
SELECT channel_id, json_build_object(
  'videos', COALESCE(json_agg(json_build_object('videoId', video_id, 'title', title,
      'publishedAt', ${isoUtc('published_at')}, 'views', views, 'likes', likes, 'comments', comments,
      'durationSeconds', duration_seconds, 'ageDays', age_days, 'viewsPerDay', ${rounded('views::float8 / age_days', 2)},
      'medianMultiple', median_multiple, 'breakout', COALESCE(breakout, false)) ORDER BY rank)
      FILTER (WHERE rank <= ${CHANNEL_VIDEOS_LIMIT}), '[]'),
  'breakouts', COALESCE(json_agg(json_build_object('videoId', video_id, 'title', title, 'views', views,
      'medianMultiple', median_multiple) ORDER BY rank) FILTER (WHERE breakout), '[]')) AS part
FROM ranked GROUP BY channel_id`;

// viewsOverTime: on each snapshot day a video adds its change since its previous snapshot; the
// running sum of those deltas per channel is the sum over its videos of the latest snapshot on or
// before that day (carried forward). Every snapshot of video_daily_stats is read.
const viewsOverTime = /* sql */ `
WITH deltas AS (
  SELECT v.channel_id, s.day, s.views - COALESCE(lag(s.views) OVER (PARTITION BY s.video_id ORDER BY s.day), 0) AS delta
  FROM videos v JOIN video_daily_stats s USING (video_id)
), daily AS (
  SELECT channel_id, day, sum(sum(delta)) OVER (PARTITION BY channel_id ORDER BY day) AS views
  FROM deltas GROUP BY channel_id, day
)
SELECT channel_id, json_agg(json_build_object('day', day, 'views', views) ORDER BY day) AS part
FROM daily GROUP BY channel_id`;

// cadence: uploads per month from the first to the last upload (zeros included) and the median
// days between consecutive uploads.
const cadence = /* sql */ `
WITH uploads AS (
  SELECT channel_id, date_trunc('month', published_at AT TIME ZONE 'UTC') AS month, count(*) AS uploads
  FROM videos GROUP BY 1, 2
), months AS (
  SELECT b.channel_id, json_agg(json_build_object('month', to_char(s.month, 'YYYY-MM'),
           'uploads', COALESCE(u.uploads, 0)) ORDER BY s.month) AS by_month
  FROM (SELECT channel_id, min(month) AS lo, max(month) AS hi FROM uploads GROUP BY channel_id) b
  CROSS JOIN generate_series(b.lo, b.hi, interval '1 month') AS s(month)
  LEFT JOIN uploads u ON u.channel_id = b.channel_id AND u.month = s.month
  GROUP BY b.channel_id
), gaps AS (
  SELECT channel_id, ${rounded('percentile_cont(0.5) WITHIN GROUP (ORDER BY gap)', 2)} AS median_gap
  FROM (SELECT channel_id, extract(epoch FROM published_at - lag(published_at)
                 OVER (PARTITION BY channel_id ORDER BY published_at)) / 86400 AS gap FROM videos) g
  WHERE gap IS NOT NULL GROUP BY channel_id
)
SELECT m.channel_id, json_build_object('byMonth', m.by_month, 'medianDaysBetweenUploads', g.median_gap) AS part
FROM months m LEFT JOIN gaps g USING (channel_id)`;

// growth (input of the growth section): each channel's newest GROWTH_DAYS daily snapshots. The
// product summarises them (gains, subscriber step, milestone) in memory; that arithmetic over a
// few hundred points per channel is not database work and is not in the floor.
const growthDays = /* sql */ `
WITH s AS (
  SELECT x.*, max(x.day) OVER (PARTITION BY x.channel_id) AS last FROM channel_daily_stats x
)
SELECT channel_id, json_agg(json_build_object('day', day, 'subscribers', subscribers::float8,
         'views', views::float8, 'videos', videos::float8) ORDER BY day) AS part
FROM s WHERE day > last - ${GROWTH_DAYS} GROUP BY channel_id`;

// performance (input of the performance section): each channel's newest RECENT + PREVIOUS
// uploads with their snapshots from publication to CURVE_DAYS after it, as [age, views] pairs.
// The product scores them against each other in memory (not in the floor, as above).
const performance = /* sql */ `
WITH recent AS (
  SELECT * FROM (
    SELECT v.channel_id, v.video_id, v.title, v.published_at, v.views, v.stats_day,
           (v.published_at AT TIME ZONE 'UTC')::date AS pub_day,
           row_number() OVER (PARTITION BY v.channel_id ORDER BY v.published_at DESC) AS n
    FROM videos v) r
  WHERE n <= ${RECENT_UPLOADS + PREVIOUS_UPLOADS}
), curves AS (
  SELECT r.video_id, json_agg(json_build_array(s.day - r.pub_day, s.views::float8) ORDER BY s.day) AS points
  FROM recent r JOIN video_daily_stats s
    ON s.video_id = r.video_id AND s.day BETWEEN r.pub_day AND r.pub_day + ${CURVE_DAYS}
  GROUP BY r.video_id
)
SELECT r.channel_id, json_agg(json_build_object('videoId', r.video_id, 'title', r.title,
         'publishedAt', ${isoUtc('r.published_at')}, 'ageDays', GREATEST(0, r.stats_day - r.pub_day),
         'views', COALESCE(r.views, 0)::float8, 'points', COALESCE(c.points, '[]'))
         ORDER BY r.published_at, r.video_id) AS part
FROM recent r LEFT JOIN curves c USING (video_id)
GROUP BY r.channel_id`;

/** The per-channel parts, one statement each over every channel. */
export const channelFloorStatements: readonly FloorStatement[] = [
  {
    name: 'channelIndex',
    covers: 'every channel entry: counts, median, rates, first/last upload',
    sql: channelIndex,
  },
  { name: 'channel videos', covers: 'per channel: median, ranks, top 500 videos, breakouts', sql: videos },
  {
    name: 'channel viewsOverTime',
    covers: 'per channel: running sum of per-video snapshot deltas',
    sql: viewsOverTime,
  },
  {
    name: 'channel cadence',
    covers: 'per channel: uploads by month (gaps filled), median gap',
    sql: cadence,
  },
  { name: 'channel growth days', covers: 'per channel: newest 730 daily channel snapshots', sql: growthDays },
  {
    name: 'channel performance',
    covers: 'per channel: newest 30 uploads, first 28 days of snapshots',
    sql: performance,
  },
];
