import { param } from '../sql/param.ts';
import type { SqlExecutor } from '../sql/SqlClient.ts';
import { GROWTH_OVERVIEW_DAYS, type GrowthGainer, type GrowthReport, TOP_GAINERS } from './contract/index.ts';
import { clipped, NEWEST_CHANNEL_DAY } from './sqlFragments.ts';

// channel_daily_stats is read only through its primary key (channel_id, day): per channel, a
// probe for its newest day and a range of the days a statement needs, never a scan of every
// channel's history. The newest day overall is the largest of the channels' newest days: read
// once (a probe per channel, 10,000 at the big scale) and passed to the other statements as $1.
const LAST_SQL = /* sql */ `SELECT ${NEWEST_CHANNEL_DAY} AS l`;

const BOUNDS = /* sql */ `bounds AS (SELECT $1::date AS l)`;

// Each channel's change since its previous snapshot, summed per day over the last $2 days. The
// 28 days before the window give a channel that skipped days its previous snapshot.
const DAILY_SQL = /* sql */ `
WITH ${BOUNDS}, d AS (
  SELECT s.day, lag(s.day) OVER w AS prev_day,
         s.subscribers - lag(s.subscribers) OVER w AS subscribers,
         s.views - lag(s.views) OVER w AS views,
         s.videos - lag(s.videos) OVER w AS videos
  FROM bounds, channels c
  CROSS JOIN LATERAL (
    SELECT x.channel_id, x.day, x.subscribers, x.views, x.videos FROM channel_daily_stats x
    WHERE x.channel_id = c.channel_id AND x.day > bounds.l - ($2::int + 28)
  ) s
  WINDOW w AS (PARTITION BY s.channel_id ORDER BY s.day)
)
SELECT d.day, count(*)::int AS channels, COALESCE(sum(d.subscribers), 0)::float8 AS subscribers,
       COALESCE(sum(d.views), 0)::float8 AS views, COALESCE(sum(d.videos), 0)::float8 AS videos
FROM d, bounds
WHERE d.prev_day IS NOT NULL AND d.day > bounds.l - $2::int
GROUP BY d.day
ORDER BY d.day`;

// Channels still tracked (a snapshot in the newest 3 days), each against its snapshot nearest
// before 1, 7 and 28 days earlier (no more than half the period further back: a primary-key
// probe per channel and period).
const PAIRS = /* sql */ `
${BOUNDS}, cur AS (
  SELECT s.channel_id, s.day, s.subscribers, s.views, s.videos
  FROM bounds, channels c
  CROSS JOIN LATERAL (
    SELECT x.channel_id, x.day, x.subscribers, x.views, x.videos FROM channel_daily_stats x
    WHERE x.channel_id = c.channel_id AND x.day >= bounds.l - 2
    ORDER BY x.day DESC LIMIT 1
  ) s
), pairs AS (
  SELECT c.channel_id, p.period, c.day - prev.day AS days, c.subscribers AS current_subscribers,
         c.subscribers - prev.subscribers AS subscribers, c.views - prev.views AS views,
         c.videos - prev.videos AS videos
  FROM cur c
  CROSS JOIN (VALUES (1), (7), (28)) AS p(period)
  CROSS JOIN LATERAL (
    SELECT x.day, x.subscribers, x.views, x.videos FROM channel_daily_stats x
    WHERE x.channel_id = c.channel_id AND x.day <= c.day - p.period
      AND x.day >= c.day - p.period - GREATEST(1, p.period / 2)
    ORDER BY x.day DESC LIMIT 1
  ) prev
)`;

const SUMS_SQL = /* sql */ `
WITH ${PAIRS}
SELECT period, count(*)::int AS channels, COALESCE(sum(subscribers), 0)::float8 AS subscribers,
       COALESCE(sum(views), 0)::float8 AS views, COALESCE(sum(videos), 0)::float8 AS videos
FROM pairs GROUP BY period`;

const top = (column: 'subscribers' | 'views') => /* sql */ `
WITH ${PAIRS}
SELECT p.channel_id, ${clipped('c.title')} AS title, p.current_subscribers::float8 AS subscribers,
       p.${column}::float8 AS gained, p.days
FROM pairs p JOIN channels c USING (channel_id)
WHERE p.period = 28 AND p.${column} IS NOT NULL
ORDER BY p.${column} DESC, p.channel_id
LIMIT $2`;

// One probe of the primary key per channel.
const CHANNELS_SQL = /* sql */ `
SELECT count(*)::int AS channels FROM channels c
WHERE EXISTS (SELECT 1 FROM channel_daily_stats s WHERE s.channel_id = c.channel_id)`;

type Sum = { channels: number; subscribers: number; views: number; videos: number };
type Gainer = { channel_id: string; title: string; subscribers: number | null; gained: number; days: number };

const gainer = (r: Gainer): GrowthGainer => ({
  channelId: r.channel_id,
  title: r.title,
  subscribers: r.subscribers,
  gained: r.gained,
  days: r.days,
});

/** The `growth` report: daily changes summed over all channels, period gains, top gainers. */
export async function queryGrowth(db: SqlExecutor, dataAsOf: string | null): Promise<GrowthReport> {
  const last = (await db.query<{ l: string | null }>(LAST_SQL)).rows[0]?.l ?? null;
  const channels = (await db.query<{ channels: number }>(CHANNELS_SQL)).rows[0]?.channels ?? 0;
  if (last === null) {
    return {
      dataAsOf,
      lastDay: null,
      channels,
      daily: [],
      gains: { day: null, week: null, month: null },
      top: { subscribers: [], views: [] },
    };
  }
  const bound = param.date(last);
  const daily = await db.query<Sum & { day: string }>(DAILY_SQL, [bound, GROWTH_OVERVIEW_DAYS]);
  const sums = await db.query<Sum & { period: number }>(SUMS_SQL, [bound]);
  const period = (p: number) => {
    const s = sums.rows.find((r) => r.period === p);
    return s ? { channels: s.channels, subscribers: s.subscribers, views: s.views, videos: s.videos } : null;
  };
  const bySubscribers = await db.query<Gainer>(top('subscribers'), [bound, TOP_GAINERS]);
  const byViews = await db.query<Gainer>(top('views'), [bound, TOP_GAINERS]);
  return {
    dataAsOf,
    lastDay: last,
    channels,
    daily: daily.rows.map((r) => ({
      day: r.day,
      channels: r.channels,
      subscribers: r.subscribers,
      views: r.views,
      videos: r.videos,
    })),
    gains: { day: period(1), week: period(7), month: period(28) },
    top: { subscribers: bySubscribers.rows.map(gainer), views: byViews.rows.map(gainer) },
  };
}
