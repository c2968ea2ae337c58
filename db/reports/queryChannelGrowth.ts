import { param } from '../sql/param.ts';
import type { SqlExecutor } from '../sql/SqlClient.ts';
import { GROWTH_DAYS, type GrowthDay } from './contract/index.ts';

// A slice of channels ($1: json array of ids): each channel's daily snapshots of its newest
// GROWTH_DAYS ($2) days, as one JSON array of [day, subscribers, views, videos] per channel
// (about 40 bytes a day: 730 days stay under the Data API's 64 KB row limit). Reads
// channel_daily_stats through its primary key (channel_id, day), newest day first per channel.
const SQL = /* sql */ `
WITH page AS (
  SELECT e AS channel_id FROM jsonb_array_elements_text($1) AS t(e)
)
SELECT p.channel_id,
       (SELECT json_agg(json_build_array(s.day, s.subscribers::float8, s.views::float8, s.videos::float8) ORDER BY s.day)
        FROM channel_daily_stats s
        WHERE s.channel_id = p.channel_id
          AND s.day > (SELECT max(x.day) FROM channel_daily_stats x WHERE x.channel_id = p.channel_id) - $2::int
       ) AS days
FROM page p`;

type Raw = { channel_id: string; days: [string, number | null, number | null, number | null][] | null };

/** Each channel's newest GROWTH_DAYS daily snapshots, oldest first (empty when it has none). */
export async function queryChannelGrowth(
  db: SqlExecutor,
  channelIds: readonly string[],
): Promise<Map<string, GrowthDay[]>> {
  const { rows } = await db.query<Raw>(SQL, [param.json(channelIds), GROWTH_DAYS]);
  return new Map(
    rows.map((r) => [
      r.channel_id,
      (r.days ?? []).map(([day, subscribers, views, videos]) => ({ day, subscribers, views, videos })),
    ]),
  );
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
