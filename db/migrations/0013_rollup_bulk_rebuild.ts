import type { Migration } from './Migration.ts';

/**
 * The rollups of many channels recomputed in one pass over every snapshot (issue 14, the load's
 * speed), for the loader's rebuild after a file at least as large as the snapshots already there
 * (db/load/rollupUpkeep.ts).
 *
 * rebuild_channel_rollups (migration 10) starts from the channels' videos and looks up each
 * video's snapshots through the primary key, then sorts them by video and day for the deltas:
 * right for the few channels a trigger or a repair names, slow for a whole file's channels. At
 * 1,000,000 snapshots of 5,000 channels it spent 1.35 s on 318,534 lookups and 1.1 s on that sort
 * (5.4 s in all). This one reads every snapshot in primary-key order, which is already by video
 * and day (no sort for the deltas), and joins the videos of the named channels in a hash:
 * 3.4 s for the same rows (PostgreSQL 15, docs/data-model.md). It reads every snapshot, not only
 * those of the named channels, so it is for the loader's case alone, where the table holds at
 * most twice the file. The rows go in sorted by channel and day, the primary key's order.
 */
export const migration: Migration = {
  version: 13,
  name: 'rollup_bulk_rebuild',
  sql: /* sql */ `
CREATE FUNCTION rebuild_channel_rollups_bulk(channel_ids text[]) RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $fn$
  DELETE FROM channel_view_days WHERE channel_id = ANY (channel_ids);
  INSERT INTO channel_view_days (channel_id, day, views_delta, snapshots)
  SELECT g.channel_id, g.day, g.delta, g.snapshots
  FROM (
    SELECT v.channel_id, d.day, sum(d.delta) AS delta, count(*) AS snapshots
    FROM (
      SELECT s.video_id, s.day,
             s.views - COALESCE(lag(s.views) OVER (PARTITION BY s.video_id ORDER BY s.day), 0) AS delta
      FROM video_daily_stats s
    ) d
    JOIN videos v USING (video_id)
    WHERE v.channel_id = ANY (channel_ids)
    GROUP BY v.channel_id, d.day
  ) g
  ORDER BY g.channel_id, g.day;
$fn$;

-- Like rebuild_channel_rollups: run as its owner, by the owner's logins only.
REVOKE EXECUTE ON FUNCTION rebuild_channel_rollups_bulk(text[]) FROM PUBLIC;
`,
};
