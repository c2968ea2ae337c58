import { param } from '../../../db/sql/param.ts';
import type { SqlExecutor } from '../../../db/sql/SqlClient.ts';
import type { ChannelSeries } from '../../shared/protocol.ts';

/** The comparison over time covers at most this many days (the newest) per channel. */
export const GROWTH_SERIES_DAYS = 730;

// The selected channels ($1, in order), each over its newest $2 days: the daily channel snapshots
// (channel_daily_stats primary key (channel_id, day)) and, for a channel whose snapshots carry no
// views, the views of its tracked videos summed per day with each video's latest snapshot
// carried forward (a running sum of per-video snapshot deltas, as the channel report computes
// it; video_daily_stats primary key). One statement, a row per channel and day.
const SQL = /* sql */ `
WITH picked AS (
  SELECT e AS channel_id, o::int AS ord FROM jsonb_array_elements_text($1) WITH ORDINALITY AS t(e, o)
), snapshots AS (
  SELECT p.channel_id, s.day, s.subscribers, s.views
  FROM picked p
  CROSS JOIN LATERAL (
    SELECT d.day, d.subscribers, d.views FROM channel_daily_stats d
    WHERE d.channel_id = p.channel_id
      AND d.day > (SELECT max(x.day) FROM channel_daily_stats x WHERE x.channel_id = p.channel_id) - $2::int
  ) s
), own_views AS (
  SELECT channel_id, bool_or(views IS NOT NULL) AS has FROM snapshots GROUP BY channel_id
), deltas AS (
  SELECT p.channel_id, d.day, d.views - COALESCE(lag(d.views) OVER (PARTITION BY d.video_id ORDER BY d.day), 0) AS delta
  FROM picked p
  JOIN videos v ON v.channel_id = p.channel_id
  JOIN video_daily_stats d ON d.video_id = v.video_id
  WHERE NOT COALESCE((SELECT o.has FROM own_views o WHERE o.channel_id = p.channel_id), false)
), summed AS (
  SELECT channel_id, day, sum(sum(delta)) OVER (PARTITION BY channel_id ORDER BY day) AS views
  FROM deltas GROUP BY channel_id, day
), recent AS (
  SELECT * FROM summed s
  WHERE s.day > (SELECT max(x.day) FROM summed x WHERE x.channel_id = s.channel_id) - $2::int
)
SELECT p.channel_id, COALESCE(s.day, r.day)::text AS day, s.subscribers::float8 AS subscribers,
       COALESCE(s.views, r.views)::float8 AS views, (s.views IS NOT NULL) AS from_channel
FROM picked p
JOIN (snapshots s FULL JOIN recent r USING (channel_id, day)) ON COALESCE(s.channel_id, r.channel_id) = p.channel_id
ORDER BY p.ord, day`;

type Raw = {
  channel_id: string;
  day: string;
  subscribers: number | null;
  views: number | null;
  from_channel: boolean;
};

/** The selected channels over time, in their order (a channel with no history has no days). */
export async function growthQuery(db: SqlExecutor, channelIds: readonly string[]): Promise<ChannelSeries[]> {
  if (channelIds.length === 0) return [];
  const { rows } = await db.query<Raw>(SQL, [param.json(channelIds), GROWTH_SERIES_DAYS]);
  const series = new Map<string, ChannelSeries & { sources: Set<boolean> }>(
    channelIds.map((id) => [
      id,
      { channelId: id, days: [], views: [], subscribers: [], viewsSource: null, sources: new Set() },
    ]),
  );
  for (const r of rows) {
    const s = series.get(r.channel_id)!;
    s.days.push(r.day);
    s.views.push(r.views);
    s.subscribers.push(r.subscribers);
    if (r.views !== null) s.sources.add(r.from_channel);
  }
  return [...series.values()].map(({ sources, ...s }) => ({
    ...s,
    viewsSource: sources.has(true) ? 'channel' : sources.has(false) ? 'videos' : null,
  }));
}
