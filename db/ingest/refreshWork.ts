import { param } from '../sql/param.ts';
import type { SqlExecutor } from '../sql/SqlClient.ts';

/**
 * Known videos of active tracked channels, split into the refresh tiers:
 * - recent: published since `recentSince` and not refreshed on `day` yet;
 * - longTail: older and not refreshed on `day` yet;
 * - fresh: already refreshed on `day` (a second run that day refreshes them again, last).
 * Removed videos are left out.
 */
export interface RefreshWork {
  readonly recent: number;
  readonly longTail: number;
  readonly fresh: number;
}

const TRACKED = `v.channel_id IN (SELECT channel_id FROM tracked_channels WHERE active) AND NOT v.removed`;

export async function countRefreshWork(
  sql: SqlExecutor,
  at: { day: string; recentSince: Date },
): Promise<RefreshWork> {
  const { rows } = await sql.query<{ recent: number; long_tail: number; fresh: number }>(
    `SELECT
       count(*) FILTER (WHERE (v.stats_day IS NULL OR v.stats_day < $1) AND v.published_at >= $2)::int AS recent,
       count(*) FILTER (WHERE (v.stats_day IS NULL OR v.stats_day < $1) AND v.published_at < $2)::int AS long_tail,
       count(*) FILTER (WHERE v.stats_day >= $1)::int AS fresh
     FROM videos v WHERE ${TRACKED}`,
    [param.date(at.day), param.timestamp(at.recentSince)],
  );
  const r = rows[0];
  return { recent: r?.recent ?? 0, longTail: r?.long_tail ?? 0, fresh: r?.fresh ?? 0 };
}

/**
 * The next due ids of a tier. Fetching a video sets its stats_day to `day` (or marks it removed),
 * so it leaves the tier: the caller always takes the head. Recent ones go newest first; the long
 * tail goes stalest first (never-refreshed, then oldest stats_day).
 */
export async function nextDueVideos(
  sql: SqlExecutor,
  at: { day: string; recentSince: Date; tier: 'recent' | 'longTail'; limit: number },
): Promise<string[]> {
  const tier =
    at.tier === 'recent'
      ? 'v.published_at >= $2 ORDER BY v.published_at DESC, v.video_id'
      : 'v.published_at < $2 ORDER BY v.stats_day NULLS FIRST, v.published_at DESC, v.video_id';
  const { rows } = await sql.query<{ video_id: string }>(
    `SELECT v.video_id FROM videos v
     WHERE ${TRACKED} AND (v.stats_day IS NULL OR v.stats_day < $1) AND ${tier} LIMIT $3`,
    [param.date(at.day), param.timestamp(at.recentSince), at.limit],
  );
  return rows.map((r) => r.video_id);
}

/** Ids already refreshed on `day`, in id order after `after` (a keyset: these stay put). */
export async function nextFreshVideos(
  sql: SqlExecutor,
  at: { day: string; after: string; limit: number },
): Promise<string[]> {
  const { rows } = await sql.query<{ video_id: string }>(
    `SELECT v.video_id FROM videos v
     WHERE ${TRACKED} AND v.stats_day >= $1 AND v.video_id > $2 ORDER BY v.video_id LIMIT $3`,
    [param.date(at.day), at.after, at.limit],
  );
  return rows.map((r) => r.video_id);
}
