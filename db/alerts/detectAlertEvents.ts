import { PREVIOUS_UPLOADS, RECENT_UPLOADS } from '../reports/contract/index.ts';
import { milestonesCrossed } from '../reports/milestones.ts';
import { PERFORMANCE_CHANNELS_PER_CALL } from '../reports/queryGrowthSections.ts';
import { queryInSlices } from '../reports/queryInSlices.ts';
import { queryVideoPerformance } from '../reports/queryVideoPerformance.ts';
import { clipped } from '../reports/sqlFragments.ts';
import { compareAtAge, scoringAge, type UploadHistory } from '../reports/summarisePerformance.ts';
import type { SqlExecutor } from '../sql/SqlClient.ts';
import type { AlertEvent } from './AlertEvent.ts';
import type { AlertThresholds } from './alertThresholds.ts';
import { compact, times, whole } from './formatAlertNumbers.ts';

// Each watched channel's window (its title clipped as the reports clip it: a Data API row holds
// 64 KB): from its watch_from day, but no further back than lookback
// ($1) days before its newest daily channel snapshot (or its videos' newest snapshot).
const WINDOWS = /* sql */ `
w AS (
  SELECT w.channel_id, ${clipped('c.title')} AS title, GREATEST(w.watch_from, GREATEST(
           (SELECT max(d.day) FROM channel_daily_stats d WHERE d.channel_id = w.channel_id),
           (SELECT max(v.stats_day) FROM videos v WHERE v.channel_id = w.channel_id)) - $1::int) AS start
  FROM watched_channels w JOIN channels c USING (channel_id)
)`;

const WINDOWS_SQL = /* sql */ `WITH ${WINDOWS} SELECT channel_id, title, start::text AS start FROM w`;

// Consecutive published counts in the window (the count before the window's first day included).
const MILESTONES_SQL = /* sql */ `
WITH ${WINDOWS}, s AS (
  SELECT s.channel_id, s.day, s.subscribers,
         lag(s.subscribers) OVER (PARTITION BY s.channel_id ORDER BY s.day) AS previous
  FROM channel_daily_stats s JOIN w USING (channel_id)
  WHERE s.subscribers IS NOT NULL AND s.day >= w.start - 60
)
SELECT s.channel_id, w.title, s.day::text AS day, s.previous::float8 AS previous, s.subscribers::float8 AS subscribers
FROM s JOIN w USING (channel_id)
WHERE s.day >= w.start AND s.subscribers > s.previous
ORDER BY s.channel_id, s.day`;

// Views in the 7 days to each day and in the 7 before, from snapshots exactly 7 and 14 days
// earlier, with the day before's pair too (an event is a crossing, not every day past it).
const VIEWS_WEEK_SQL = /* sql */ `
WITH ${WINDOWS}, s AS (
  SELECT s.channel_id, s.day, s.views FROM channel_daily_stats s JOIN w USING (channel_id)
  WHERE s.views IS NOT NULL AND s.day >= w.start - 15
), wk AS (
  SELECT a.channel_id, a.day, a.views - b.views AS this_week, b.views - c.views AS last_week
  FROM s a
  JOIN s b ON b.channel_id = a.channel_id AND b.day = a.day - 7
  JOIN s c ON c.channel_id = a.channel_id AND c.day = a.day - 14
)
SELECT wk.channel_id, w.title, wk.day::text AS day, wk.this_week::float8 AS this_week,
       wk.last_week::float8 AS last_week, y.this_week::float8 AS prev_this_week,
       y.last_week::float8 AS prev_last_week
FROM wk JOIN w USING (channel_id)
LEFT JOIN wk y ON y.channel_id = wk.channel_id AND y.day = wk.day - 1
WHERE wk.day >= w.start
ORDER BY wk.channel_id, wk.day`;

type Window = { channel_id: string; title: string; start: string | null };

async function milestoneEvents(db: SqlExecutor, t: AlertThresholds): Promise<AlertEvent[]> {
  const { rows } = await db.query<{
    channel_id: string;
    title: string;
    day: string;
    previous: number;
    subscribers: number;
  }>(MILESTONES_SQL, [t.lookbackDays]);
  return rows.flatMap((r) => {
    const milestone = milestonesCrossed(r.previous, r.subscribers).at(-1);
    if (milestone === undefined) return [];
    return [
      {
        key: `milestone:${r.channel_id}:${milestone}`,
        kind: 'milestone' as const,
        channelId: r.channel_id,
        channelTitle: r.title,
        videoId: null,
        day: r.day,
        message: `Milestone: ${r.title} passed ${compact(milestone)} subscribers (published count ${whole(r.subscribers)} on ${r.day}).`,
        details: { milestone, previous: r.previous, subscribers: r.subscribers },
      },
    ];
  });
}

const changeOf = (thisWeek: number | null, lastWeek: number | null) =>
  thisWeek === null || lastWeek === null || lastWeek <= 0 ? null : thisWeek / lastWeek - 1;

async function viewsWeekEvents(db: SqlExecutor, t: AlertThresholds): Promise<AlertEvent[]> {
  const { rows } = await db.query<{
    channel_id: string;
    title: string;
    day: string;
    this_week: number;
    last_week: number;
    prev_this_week: number | null;
    prev_last_week: number | null;
  }>(VIEWS_WEEK_SQL, [t.lookbackDays]);
  return rows.flatMap((r) => {
    const change = changeOf(r.this_week, r.last_week);
    const before = changeOf(r.prev_this_week, r.prev_last_week);
    if (change === null || Math.abs(change) < t.viewsChange) return [];
    if (before !== null && Math.abs(before) >= t.viewsChange && Math.sign(before) === Math.sign(change))
      return [];
    const percent = Math.round(change * 100);
    return [
      {
        key: `views7d:${r.channel_id}:${r.day}`,
        kind: 'views7d' as const,
        channelId: r.channel_id,
        channelTitle: r.title,
        videoId: null,
        day: r.day,
        message:
          `7-day views ${percent > 0 ? 'up' : 'down'} ${Math.abs(percent)}%: ${r.title} got ${whole(r.this_week)} views ` +
          `in the 7 days to ${r.day}, against ${whole(r.last_week)} in the 7 days before.`,
        details: { thisWeek: r.this_week, lastWeek: r.last_week, change: Math.round(change * 1000) / 1000 },
      },
    ];
  });
}

const DAY_MS = 86_400_000;
const plusDays = (instant: string, days: number) =>
  new Date(Date.parse(`${instant.slice(0, 10)}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/**
 * The first age at which one of the newest uploads reached the threshold (same-age score), if
 * that day is inside the channel's window: an upload already an outlier before the channel was
 * watched is not news.
 */
function outlierEventsOf(
  window: Window,
  uploads: readonly UploadHistory[],
  t: AlertThresholds,
): AlertEvent[] {
  if (window.start === null) return [];
  const events: AlertEvent[] = [];
  for (let i = Math.max(0, uploads.length - RECENT_UPLOADS); i < uploads.length; i += 1) {
    const video = uploads[i]!;
    const last = scoringAge(video);
    for (let age = 1; last !== null && age <= last; age += 1) {
      const c = compareAtAge(uploads, i, age);
      if (!c || c.score < t.outlierScore) continue;
      const day = plusDays(video.publishedAt, age);
      if (day >= window.start) {
        events.push({
          key: `outlier:${video.videoId}`,
          kind: 'outlier',
          channelId: window.channel_id,
          channelTitle: window.title,
          videoId: video.videoId,
          day,
          message:
            `Outlier: "${video.title}" on ${window.title} has ${times(c.score)} the median views of the channel's ` +
            `previous ${PREVIOUS_UPLOADS} uploads at ${age} day${age === 1 ? '' : 's'} ` +
            `(${whole(Math.round(c.score * c.median))} views; ranks ${c.rank} of ${c.of}).`,
          details: { score: c.score, median: c.median, ageDays: age, rank: c.rank, of: c.of },
        });
      }
      break;
    }
  }
  return events;
}

/**
 * Every event of the watched channels inside their windows (see AlertThresholds.lookbackDays):
 * subscriber milestones crossed, uploads crossing the outlier threshold at equal age, 7-day views
 * moving past the set change. Detection is repeatable: the same data gives the same keys, and
 * recordAlertEvents keeps only the new ones.
 */
export async function detectAlertEvents(db: SqlExecutor, t: AlertThresholds): Promise<AlertEvent[]> {
  const windows = (await db.query<Window>(WINDOWS_SQL, [t.lookbackDays])).rows;
  if (windows.length === 0) return [];
  // Sliced as the refresh slices it: a Data API response is refused past 1 MiB.
  const uploads = await queryInSlices(
    windows.map((w) => w.channel_id),
    PERFORMANCE_CHANNELS_PER_CALL,
    (slice) => queryVideoPerformance(db, slice),
  );
  const outliers = windows.flatMap((w) => outlierEventsOf(w, uploads.get(w.channel_id) ?? [], t));
  return [...(await milestoneEvents(db, t)), ...outliers, ...(await viewsWeekEvents(db, t))];
}
