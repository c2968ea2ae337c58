import { param } from '../sql/param.ts';
import type { SqlExecutor } from '../sql/SqlClient.ts';
import { GROWTH_DAYS, type GrowthDay } from './contract/index.ts';

/**
 * A `growth_days` CTE: for each channel of the CTE `page` (channel_id), its daily snapshots of
 * its newest `days` (a parameter such as '$2', GROWTH_DAYS) days, as one JSON value of four plain
 * arrays (days, subscribers, views, videos; about 40 bytes a day: 730 days stay under the Data
 * API's 64 KB row limit). Plain arrays rather than a [day, subscribers, views, videos] array per
 * day: PostgreSQL builds a JSON array per element slowly. Reads channel_daily_stats through its
 * primary key (channel_id, day), in key order (the ordered subquery needs no sort).
 */
export const growthDaysCte = (days: string) => /* sql */ `growth_days AS (
  SELECT p.channel_id, d.days
  FROM page p
  CROSS JOIN LATERAL (
    SELECT json_build_array(array_agg(s.day), array_agg(s.subscribers), array_agg(s.views), array_agg(s.videos)) AS days
    FROM (
      SELECT s.day, s.subscribers::float8, s.views::float8, s.videos::float8 FROM channel_daily_stats s
      WHERE s.channel_id = p.channel_id
        AND s.day > (SELECT max(x.day) FROM channel_daily_stats x WHERE x.channel_id = p.channel_id) - ${days}::int
      ORDER BY s.day
    ) s
  ) d
)`;

const SQL = /* sql */ `
WITH page AS (
  SELECT e AS channel_id FROM jsonb_array_elements_text($1) AS t(e)
), ${growthDaysCte('$2')}
SELECT channel_id, days FROM growth_days`;

type Column<T> = (T | null)[];
/** A channel's days as growthDaysCte gives them (all null when it has no snapshots). */
export type RawGrowthDays = [Column<string> | null, Column<number>, Column<number>, Column<number>];

/** The days of growthDaysCte's value, oldest first. */
export function decodeGrowthDays([days, subscribers, views, videos]: RawGrowthDays): GrowthDay[] {
  return (days ?? []).map((day, i) => ({
    day: day!,
    subscribers: subscribers[i] ?? null,
    views: views[i] ?? null,
    videos: videos[i] ?? null,
  }));
}

/** Each channel's newest GROWTH_DAYS daily snapshots, oldest first (empty when it has none). */
export async function queryChannelGrowth(
  db: SqlExecutor,
  channelIds: readonly string[],
): Promise<Map<string, GrowthDay[]>> {
  const { rows } = await db.query<{ channel_id: string; days: RawGrowthDays }>(SQL, [
    param.json(channelIds),
    GROWTH_DAYS,
  ]);
  return new Map(rows.map((r) => [r.channel_id, decodeGrowthDays(r.days)]));
}

// Per channel, the first and last day through channel_daily_stats' primary key (channel_id, day):
// two probes each, no scan of the table.
const SPAN_SQL = /* sql */ `
SELECT COALESCE(max(s.hi) - min(s.lo) + 1, 0) AS days
FROM channels c
CROSS JOIN LATERAL (
  SELECT min(d.day) AS lo, max(d.day) AS hi FROM channel_daily_stats d WHERE d.channel_id = c.channel_id
) s`;

/** Days from the first to the last channel snapshot: the most days a channel's series can have. */
export async function queryChannelSnapshotSpanDays(db: SqlExecutor): Promise<number> {
  const { rows } = await db.query<{ days: number }>(SPAN_SQL);
  return rows[0]?.days ?? 0;
}
