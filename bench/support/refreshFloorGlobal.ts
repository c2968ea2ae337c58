// The floor's statements for the global reports: one statement per report over all channels,
// each returning the report's contents (without dataAsOf) as one JSON value, computed from the raw
// tables (channels, videos, categories, channel_daily_stats). Not product code: the bench runs them
// to learn how long PostgreSQL needs for the numbers alone (see refreshFloor.ts). Constants come
// from the report contract, so the shapes and limits are the published ones.
import {
  COMMENTS_PER_1000_EDGES,
  DURATION_BUCKET_EDGES,
  ENGAGEMENT_MIN_VIEWS,
  GROWTH_OVERVIEW_DAYS,
  LIKES_PER_1000_EDGES,
  TOP_CHANNELS,
  TOP_GAINERS,
  TOP_VIDEOS,
} from '../../db/reports/contract/index.ts';
import { DURATIONS_UNKNOWN_MESSAGE } from '../../db/reports/queryDurations.ts';
import { isoUtc, medianOf, rounded } from '../../db/reports/sqlFragments.ts';

export interface FloorStatement {
  /** The report (or channel-report part) the statement computes. */
  readonly name: string;
  /** What it covers, for the table and the docs. */
  readonly covers: string;
  readonly sql: string;
}

const pgArray = (edges: readonly number[]) => `ARRAY[${edges.join(',')}]::float8[]`;

// overview: one aggregate of videos per channel; the totals are the sums of those rows.
const overview = /* sql */ `
WITH per AS (
  SELECT c.channel_id, c.title, COALESCE(v.views, 0)::float8 AS views, COALESCE(v.videos, 0)::int AS videos,
         v.likes, v.comments
  FROM channels c
  LEFT JOIN (SELECT channel_id, sum(views) AS views, count(*) AS videos, sum(likes) AS likes,
                    sum(comments) AS comments FROM videos GROUP BY channel_id) v USING (channel_id)
)
SELECT json_build_object(
  'totals', (SELECT json_build_object('channels', count(*)::int, 'videos', sum(videos)::int,
                    'views', sum(views)::float8, 'likes', COALESCE(sum(likes), 0)::float8,
                    'comments', COALESCE(sum(comments), 0)::float8) FROM per),
  'topChannels', (SELECT COALESCE(json_agg(json_build_object('channelId', channel_id, 'title', title,
                         'views', views, 'videos', videos) ORDER BY views DESC, channel_id), '[]')
                  FROM (SELECT * FROM per ORDER BY views DESC, channel_id LIMIT ${TOP_CHANNELS}) t)) AS report`;

const topVideos = /* sql */ `
SELECT json_build_object('videos', COALESCE(json_agg(json_build_object(
         'videoId', video_id, 'title', title, 'channelId', channel_id, 'channelTitle', channel_title,
         'publishedAt', published_at, 'views', views, 'likes', likes, 'comments', comments,
         'categoryId', category_id) ORDER BY views DESC, video_id), '[]')) AS report
FROM (SELECT v.video_id, v.title, v.channel_id, c.title AS channel_title,
             ${isoUtc('v.published_at')} AS published_at, COALESCE(v.views, 0)::float8 AS views,
             COALESCE(v.likes, 0)::float8 AS likes, COALESCE(v.comments, 0)::float8 AS comments, v.category_id
      FROM videos v JOIN channels c USING (channel_id)
      ORDER BY COALESCE(v.views, 0) DESC, v.video_id LIMIT ${TOP_VIDEOS}) t`;

const monthly = /* sql */ `
WITH by_month AS (
  SELECT date_trunc('month', published_at AT TIME ZONE 'UTC') AS month, count(*) AS uploads,
         COALESCE(sum(views), 0) AS views
  FROM videos GROUP BY 1
)
SELECT json_build_object('months', COALESCE(json_agg(json_build_object('month', to_char(s.month, 'YYYY-MM'),
         'uploads', COALESCE(m.uploads, 0)::int, 'views', COALESCE(m.views, 0)::float8) ORDER BY s.month), '[]')) AS report
FROM (SELECT min(month) AS lo, max(month) AS hi FROM by_month) b
CROSS JOIN generate_series(b.lo, b.hi, interval '1 month') AS s(month)
LEFT JOIN by_month m USING (month)`;

const categories = /* sql */ `
SELECT json_build_object('categories', COALESCE(json_agg(json_build_object('categoryId', category_id,
         'title', title, 'videos', videos, 'views', views, 'medianViews', median_views)
         ORDER BY views DESC, title), '[]')) AS report
FROM (SELECT v.category_id,
             COALESCE(c.title, CASE WHEN v.category_id IS NULL THEN 'Unknown category'
                                    ELSE 'Category ' || v.category_id END) AS title,
             count(*)::int AS videos, COALESCE(sum(v.views), 0)::float8 AS views,
             ${medianOf('COALESCE(v.views, 0)')} AS median_views
      FROM videos v LEFT JOIN categories c USING (category_id)
      GROUP BY v.category_id, c.title) t`;

const publishHeatmap = /* sql */ `
WITH cells AS (
  SELECT extract(isodow FROM published_at AT TIME ZONE 'UTC')::int AS weekday,
         extract(hour FROM published_at AT TIME ZONE 'UTC')::int AS hour,
         count(*) AS uploads, sum(COALESCE(views, 0)) AS views, ${medianOf('COALESCE(views, 0)')} AS median_views
  FROM videos GROUP BY 1, 2
)
SELECT json_build_object('timeZone', 'UTC', 'cells', json_agg(json_build_object('weekday', d.weekday,
         'hour', h.hour, 'uploads', COALESCE(c.uploads, 0)::int, 'views', COALESCE(c.views, 0)::float8,
         'medianViews', COALESCE(c.median_views, 0)::float8) ORDER BY d.weekday, h.hour)) AS report
FROM generate_series(1, 7) AS d(weekday) CROSS JOIN generate_series(0, 23) AS h(hour)
LEFT JOIN cells c USING (weekday, hour)`;

const edges = pgArray(DURATION_BUCKET_EDGES);
const durations = /* sql */ `
WITH counts AS (SELECT count(*)::int AS videos, count(duration_seconds)::int AS with_duration FROM videos),
by_bucket AS (
  SELECT width_bucket(duration_seconds, ${edges}) AS i, count(*) AS videos,
         ${medianOf('COALESCE(views, 0)')} AS median_views
  FROM videos WHERE duration_seconds IS NOT NULL GROUP BY 1
), buckets AS (
  SELECT e.i, e.lo, lead(e.lo) OVER (ORDER BY e.i) AS hi FROM unnest(${edges}) WITH ORDINALITY AS e(lo, i)
)
SELECT CASE WHEN c.with_duration = 0
  THEN json_build_object('state', 'unknown', 'videos', c.videos, 'videosWithDuration', 0,
                         'message', ${`'${DURATIONS_UNKNOWN_MESSAGE.replaceAll("'", "''")}'`})
  ELSE json_build_object('state', 'known', 'videos', c.videos, 'videosWithDuration', c.with_duration,
         'buckets', (SELECT json_agg(json_build_object('minSeconds', e.lo::int, 'maxSeconds', e.hi::int,
                       'videos', COALESCE(b.videos, 0)::int, 'medianViews', COALESCE(b.median_views, 0)::float8)
                       ORDER BY e.i) FROM buckets e LEFT JOIN by_bucket b USING (i))) END AS report
FROM counts c`;

// engagement: each metric's rates, summary and histogram in one pass of videos per metric.
const metric = (column: 'likes' | 'comments', off: string, bins: readonly number[]) => /* sql */ `(
  WITH r AS (SELECT ${column}::float8 * 1000 / views AS rate, ${column} AS amount, views FROM videos
             WHERE views >= ${ENGAGEMENT_MIN_VIEWS} AND ${column} IS NOT NULL AND NOT ${off}),
  s AS (SELECT count(*)::int AS videos, ${rounded('sum(amount)::float8 * 1000 / NULLIF(sum(views), 0)')} AS overall,
               ${[10, 25, 50, 75, 90].map((p) => `${rounded(`percentile_cont(${p / 100}) WITHIN GROUP (ORDER BY rate)`)} AS p${p}`).join(', ')}
        FROM r),
  h AS (SELECT width_bucket(rate, ${pgArray(bins)}) AS i, count(*) AS videos FROM r GROUP BY 1),
  e AS (SELECT e.i, e.lo, lead(e.lo) OVER (ORDER BY e.i) AS hi FROM unnest(${pgArray(bins)}) WITH ORDINALITY AS e(lo, i))
  SELECT json_build_object('videos', s.videos, 'overall', s.overall,
           'quantiles', CASE WHEN s.videos > 0 THEN json_build_object('p10', s.p10, 'p25', s.p25, 'p50', s.p50,
                                                                       'p75', s.p75, 'p90', s.p90) END,
           'histogram', (SELECT json_agg(json_build_object('from', e.lo, 'to', e.hi, 'videos', COALESCE(h.videos, 0)::int)
                         ORDER BY e.i) FROM e LEFT JOIN h USING (i)))
  FROM s)`;

const engagement = /* sql */ `
SELECT json_build_object('minViews', ${ENGAGEMENT_MIN_VIEWS},
  'likesPer1000', ${metric('likes', 'ratings_disabled', LIKES_PER_1000_EDGES)},
  'commentsPer1000', ${metric('comments', 'comments_disabled', COMMENTS_PER_1000_EDGES)}) AS report`;

// growth: the channel snapshots are read once (newest day, daily sums, current counts); the period
// gains probe each tracked channel's snapshot 1, 7 and 28 days before through the primary key
// (channel_id, day): a lateral over the materialised CTE would scan all of it per channel and period.
const gainers = (
  column: string,
) => /* sql */ `(SELECT COALESCE(json_agg(json_build_object('channelId', channel_id,
    'title', title, 'subscribers', subscribers, 'gained', gained, 'days', days) ORDER BY gained DESC, channel_id), '[]')
  FROM (SELECT p.channel_id, c.title, p.current_subscribers::float8 AS subscribers, p.${column}::float8 AS gained, p.days
        FROM pairs p JOIN channels c USING (channel_id) WHERE p.period = 28 AND p.${column} IS NOT NULL
        ORDER BY p.${column} DESC, p.channel_id LIMIT ${TOP_GAINERS}) t)`;
const gain = (period: number) => /* sql */ `(SELECT json_build_object('channels', count(*)::int,
    'subscribers', COALESCE(sum(subscribers), 0)::float8, 'views', COALESCE(sum(views), 0)::float8,
    'videos', COALESCE(sum(videos), 0)::float8) FROM pairs WHERE period = ${period} HAVING count(*) > 0)`;

const growth = /* sql */ `
WITH s AS (SELECT * FROM channel_daily_stats),
bounds AS (SELECT max(day) AS l FROM s),
d AS (
  SELECT s.day, lag(s.day) OVER w AS prev_day, s.subscribers - lag(s.subscribers) OVER w AS subscribers,
         s.views - lag(s.views) OVER w AS views, s.videos - lag(s.videos) OVER w AS videos
  FROM s, bounds WHERE s.day > bounds.l - (${GROWTH_OVERVIEW_DAYS} + 28)
  WINDOW w AS (PARTITION BY s.channel_id ORDER BY s.day)
), daily AS (
  SELECT d.day, count(*)::int AS channels, COALESCE(sum(d.subscribers), 0)::float8 AS subscribers,
         COALESCE(sum(d.views), 0)::float8 AS views, COALESCE(sum(d.videos), 0)::float8 AS videos
  FROM d, bounds WHERE d.prev_day IS NOT NULL AND d.day > bounds.l - ${GROWTH_OVERVIEW_DAYS} GROUP BY d.day
), cur AS (
  SELECT DISTINCT ON (s.channel_id) s.* FROM s, bounds WHERE s.day >= bounds.l - 2 ORDER BY s.channel_id, s.day DESC
), pairs AS (
  SELECT c.channel_id, p.period, c.day - prev.day AS days, c.subscribers AS current_subscribers,
         c.subscribers - prev.subscribers AS subscribers, c.views - prev.views AS views, c.videos - prev.videos AS videos
  FROM cur c CROSS JOIN (VALUES (1), (7), (28)) AS p(period)
  CROSS JOIN LATERAL (SELECT x.day, x.subscribers, x.views, x.videos FROM channel_daily_stats x
                      WHERE x.channel_id = c.channel_id AND x.day <= c.day - p.period
                        AND x.day >= c.day - p.period - GREATEST(1, p.period / 2)
                      ORDER BY x.day DESC LIMIT 1) prev
)
SELECT json_build_object(
  'lastDay', (SELECT l FROM bounds),
  'channels', (SELECT count(DISTINCT channel_id)::int FROM s),
  'daily', (SELECT COALESCE(json_agg(json_build_object('day', day, 'channels', channels, 'subscribers', subscribers,
              'views', views, 'videos', videos) ORDER BY day), '[]') FROM daily),
  'gains', json_build_object('day', ${gain(1)}, 'week', ${gain(7)}, 'month', ${gain(28)}),
  'top', json_build_object('subscribers', ${gainers('subscribers')}, 'views', ${gainers('views')})) AS report`;

/** The global reports, one statement each, in the order the refresh publishes them. */
export const globalFloorStatements: readonly FloorStatement[] = [
  {
    name: 'overview',
    covers: 'totals and the top channels (one aggregate of videos per channel)',
    sql: overview,
  },
  { name: 'topVideos', covers: 'the most viewed videos (top-N sort of videos)', sql: topVideos },
  { name: 'monthly', covers: 'uploads and views per month of publication, gaps filled', sql: monthly },
  { name: 'categories', covers: 'videos, views and median views per category', sql: categories },
  { name: 'publishHeatmap', covers: 'uploads, views, median views per weekday x hour', sql: publishHeatmap },
  { name: 'durations', covers: 'median views per duration bucket', sql: durations },
  {
    name: 'engagement',
    covers: 'likes and comments per 1,000 views: quantiles, histograms',
    sql: engagement,
  },
  {
    name: 'growth',
    covers: 'daily channel gains, 1/7/28-day gains, top gainers (channel_daily_stats)',
    sql: growth,
  },
];
