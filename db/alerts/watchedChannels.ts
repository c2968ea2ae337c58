import { param } from '../sql/param.ts';
import type { SqlExecutor } from '../sql/SqlClient.ts';

export interface WatchedChannel {
  readonly channelId: string;
  readonly title: string;
  /** Events from this UTC day on are news; earlier ones are history. */
  readonly watchFrom: string;
}

// A channel is watched from the newest day the database has for it (its newest channel or video
// snapshot), or from `since`; watching it again keeps the earlier start unless `since` is given.
const WATCH_SQL = /* sql */ `
INSERT INTO watched_channels AS w (channel_id, watch_from)
SELECT c.channel_id, COALESCE($2::date, GREATEST(
         (SELECT max(s.day) FROM channel_daily_stats s WHERE s.channel_id = c.channel_id),
         (SELECT max(v.stats_day) FROM videos v WHERE v.channel_id = c.channel_id)), current_date)
FROM channels c WHERE c.channel_id IN (SELECT jsonb_array_elements_text($1))
ON CONFLICT (channel_id) DO UPDATE SET watch_from = excluded.watch_from
WHERE $2::date IS NOT NULL AND w.watch_from IS DISTINCT FROM excluded.watch_from
RETURNING channel_id`;

const UNWATCH_SQL = /* sql */ `
DELETE FROM watched_channels WHERE channel_id IN (SELECT jsonb_array_elements_text($1)) RETURNING channel_id`;

// A channel named by its id, or by its @handle in any case (channels have no index on handle;
// this runs for a handful of names typed on a command line).
const FIND_SQL = /* sql */ `
SELECT r AS ref, c.channel_id FROM jsonb_array_elements_text($1) AS r
LEFT JOIN LATERAL (
  SELECT channel_id FROM channels c WHERE c.channel_id = r OR lower(c.handle) = lower(r)
  ORDER BY c.channel_id = r DESC LIMIT 1
) c ON true`;

// By folded title, as the explorer lists channels: the same order under any collation.
const LIST_SQL = /* sql */ `
SELECT w.channel_id, c.title, w.watch_from::text AS watch_from
FROM watched_channels w JOIN channels c USING (channel_id)
ORDER BY c.title_search, c.title, w.channel_id`;

/** Starts watching channels (ids that are not in channels are left out); returns those changed. */
export async function watchChannels(
  db: SqlExecutor,
  channelIds: readonly string[],
  since: string | null = null,
): Promise<string[]> {
  const { rows } = await db.query<{ channel_id: string }>(WATCH_SQL, [
    param.json(channelIds),
    since === null ? null : param.date(since),
  ]);
  return rows.map((r) => r.channel_id);
}

/** Stops watching channels; their past events stay. Returns the ids that were watched. */
export async function unwatchChannels(db: SqlExecutor, channelIds: readonly string[]): Promise<string[]> {
  const { rows } = await db.query<{ channel_id: string }>(UNWATCH_SQL, [param.json(channelIds)]);
  return rows.map((r) => r.channel_id);
}

/** The channel id each reference (an id or an @handle) names, or null when none matches. */
export async function findChannels(
  db: SqlExecutor,
  refs: readonly string[],
): Promise<Map<string, string | null>> {
  const { rows } = await db.query<{ ref: string; channel_id: string | null }>(FIND_SQL, [param.json(refs)]);
  return new Map(rows.map((r) => [r.ref, r.channel_id]));
}

/** Every watched channel, by title. */
export async function listWatchedChannels(db: SqlExecutor): Promise<WatchedChannel[]> {
  const { rows } = await db.query<{ channel_id: string; title: string; watch_from: string }>(LIST_SQL);
  return rows.map((r) => ({ channelId: r.channel_id, title: r.title, watchFrom: r.watch_from }));
}
