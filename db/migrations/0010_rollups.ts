import type { Migration } from './Migration.ts';

/**
 * Per-channel, per-day rollups of the views-over-time series (issue 18), kept current by
 * triggers in the same transaction as the snapshots, so the refresh reads ~90 rows per channel
 * instead of every snapshot of every video (9 M rows at 1,000 channels / 100,000 videos / 90 days).
 *
 * channel_view_days (channel_id, day): views_delta is the sum over the channel's videos of
 * (views on that day - views at the video's previous snapshot, 0 for its first); the running sum
 * over days is the channel's views with each video's latest snapshot carried forward. `snapshots`
 * counts the snapshots on that day, so a day whose deltas sum to 0 still has a row (the series has
 * a point for every day any of the channel's videos has a snapshot); a row whose count falls to 0
 * is deleted. No CHECK (snapshots > 0): PostgreSQL checks the row an upsert proposes before it
 * finds the conflict, and a change's proposed row carries a negative count. No foreign key: the
 * row is a function of video_daily_stats and videos only.
 *
 * Maintenance, one statement-level trigger per event with transition tables:
 * - video_daily_stats INSERT / UPDATE / DELETE: for each touched video, the span of its
 *   snapshots from the one before its first changed day to the one after its last (two probes of
 *   the primary key) is read as it is now and as it was (now, minus the rows the statement wrote,
 *   plus the rows it removed); the difference of the two sets of deltas is added to the rollup.
 *   That covers a snapshot inserted between two days (the next day's delta changes too), updates
 *   of views and deletes. Rows are applied in key order, so two writers lock them in one order.
 * - videos UPDATE of channel_id (per moved row, deferred to commit): both channels are recomputed
 *   from their raw snapshots. Deferred because one statement may move a video and write its
 *   snapshot (the ingest does both in one call): at commit every snapshot trigger has run, so
 *   the recomputation sees the final state whatever order the statement's triggers fired in.
 * - videos DELETE (BEFORE, per row): the video's snapshots are deleted first, while the video
 *   still names their channel; the foreign key's cascade then finds nothing left.
 * - video_daily_stats TRUNCATE: no snapshots, no rollups.
 * Triggers are ENABLE ALWAYS: the loader and the generator write snapshots with
 * session_replication_role = replica (to skip foreign-key checks), which silences ordinary
 * triggers. A bulk copy of a whole database (the PGlite conversion copies the rollups as they are)
 * sets tubelens.rollups = 'off' for its transaction.
 *
 * Writers of one video's snapshots must not run concurrently (they do not: the loader, the tracker
 * import, the ingest and the generator each hold a lease or own their videos); if the rollups ever
 * drift, rebuild_rollups() recomputes them from the raw snapshots.
 *
 * The trigger functions are SECURITY DEFINER with a fixed search_path, owned by the migrating
 * user: any role that may write snapshots (tubelens_ingest) maintains the rollups without being
 * granted writes on them; every role reads them through migration 7's default privileges. Only
 * the ingest's login may call rebuild_rollups() (the refresh and the explorer only read).
 */
export const migration: Migration = {
  version: 10,
  name: 'rollups',
  sql: /* sql */ `
CREATE TABLE channel_view_days (
  channel_id text NOT NULL,
  day date NOT NULL,
  views_delta bigint NOT NULL,
  snapshots integer NOT NULL,
  PRIMARY KEY (channel_id, day)
);

-- The rollups from the raw snapshots: the backfill below, and the repair for drift.
CREATE FUNCTION rebuild_rollups() RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $fn$
  DELETE FROM channel_view_days;
  INSERT INTO channel_view_days (channel_id, day, views_delta, snapshots)
  SELECT v.channel_id, d.day, sum(d.delta), count(*)
  FROM (
    SELECT s.video_id, s.day,
           s.views - COALESCE(lag(s.views) OVER (PARTITION BY s.video_id ORDER BY s.day), 0) AS delta
    FROM video_daily_stats s
  ) d
  JOIN videos v USING (video_id)
  GROUP BY v.channel_id, d.day;
$fn$;

-- The statement that adds a net change (a query of channel_id, day, views_delta, snapshots) to
-- the rollups in key order and returns the keys left with no snapshots, for rollups_prune.
CREATE FUNCTION rollups_upsert_sql(net text) RETURNS text
LANGUAGE sql IMMUTABLE SET search_path = public, pg_temp AS $fn$
  SELECT format($q$
    WITH net AS (%s), up AS (
      INSERT INTO channel_view_days AS r (channel_id, day, views_delta, snapshots)
      SELECT channel_id, day, sum(views_delta), sum(snapshots) FROM net
      GROUP BY channel_id, day HAVING sum(views_delta) <> 0 OR sum(snapshots) <> 0
      ORDER BY channel_id, day
      ON CONFLICT (channel_id, day) DO UPDATE
        SET views_delta = r.views_delta + excluded.views_delta, snapshots = r.snapshots + excluded.snapshots
      RETURNING r.channel_id, r.day, r.snapshots
    )
    SELECT array_agg(channel_id), array_agg(day) FROM up WHERE snapshots = 0$q$, net);
$fn$;

CREATE FUNCTION rollups_prune(channel_ids text[], days date[]) RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $fn$
  DELETE FROM channel_view_days r
  USING unnest(channel_ids, days) AS k(channel_id, day)
  WHERE r.channel_id = k.channel_id AND r.day = k.day AND r.snapshots = 0;
$fn$;

-- Snapshots written: see the comment above. %1$s holds the rows as they are now for the changed
-- keys (new_table, or none), %2$s the rows as they were (old_table, or none).
-- work_mem: a daily load's 100,000 rows sort in memory instead of spilling (4 MB by default).
CREATE FUNCTION rollups_on_snapshots() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp SET work_mem = '64MB' AS $fn$
DECLARE
  none constant text := '(SELECT NULL::text AS video_id, NULL::date AS day, NULL::bigint AS views WHERE false)';
  -- An update counts only where the key or views changed (the loader rewrites likes and comments).
  changed_new constant text := '(SELECT n.video_id, n.day, n.views FROM new_table n
    LEFT JOIN old_table o USING (video_id, day) WHERE o.views IS DISTINCT FROM n.views)';
  changed_old constant text := '(SELECT o.video_id, o.day, o.views FROM old_table o
    LEFT JOIN new_table n USING (video_id, day) WHERE n.views IS DISTINCT FROM o.views)';
  ins_rows text := CASE TG_OP WHEN 'INSERT' THEN 'new_table' WHEN 'UPDATE' THEN changed_new ELSE none END;
  del_rows text := CASE TG_OP WHEN 'DELETE' THEN 'old_table' WHEN 'UPDATE' THEN changed_old ELSE none END;
  any_rows boolean;
  gone_channels text[];
  gone_days date[];
BEGIN
  IF current_setting('tubelens.rollups', true) = 'off' THEN RETURN NULL; END IF;
  -- An upsert fires its UPDATE trigger for every statement, mostly with nothing in it: return
  -- before planning the statement below (a few ms each, once per loader chunk).
  EXECUTE format('SELECT EXISTS (SELECT 1 FROM %s AS t) OR EXISTS (SELECT 1 FROM %s AS t)', ins_rows, del_rows)
  INTO any_rows;
  IF NOT any_rows THEN RETURN NULL; END IF;
  EXECUTE rollups_upsert_sql(format($q$
    WITH ins AS (SELECT video_id, day, views FROM %1$s AS t),
    del AS (SELECT video_id, day, views FROM %2$s AS t),
    touched AS (
      SELECT video_id, min(day) AS first_day, max(day) AS last_day
      FROM (SELECT video_id, day FROM ins UNION ALL SELECT video_id, day FROM del) k
      GROUP BY video_id
    ), span AS (
      SELECT t.*, v.channel_id FROM touched t JOIN videos v USING (video_id)
    ), now_rows AS (
      -- The snapshot before the first changed day and the one after the last: unchanged, so the
      -- same now and before; one probe of the primary key each.
      SELECT p.channel_id, p.video_id, b.day, b.views
      FROM span p CROSS JOIN LATERAL (
        SELECT s.day, s.views FROM video_daily_stats s
        WHERE s.video_id = p.video_id AND s.day < p.first_day ORDER BY s.day DESC LIMIT 1) b
      UNION ALL
      SELECT p.channel_id, p.video_id, a.day, a.views
      FROM span p CROSS JOIN LATERAL (
        SELECT s.day, s.views FROM video_daily_stats s
        WHERE s.video_id = p.video_id AND s.day > p.last_day ORDER BY s.day LIMIT 1) a
      UNION ALL
      -- The changed days themselves: when a video changed on one day only (a daily load), its
      -- row now is the statement's own row, if any; otherwise a range scan.
      SELECT p.channel_id, i.video_id, i.day, i.views
      FROM span p JOIN ins i ON i.video_id = p.video_id AND p.first_day = p.last_day
      UNION ALL
      SELECT p.channel_id, s.video_id, s.day, s.views
      FROM span p JOIN video_daily_stats s
        ON s.video_id = p.video_id AND p.first_day < p.last_day AND s.day BETWEEN p.first_day AND p.last_day
    ), was_rows AS (
      SELECT * FROM now_rows n
      WHERE NOT EXISTS (SELECT 1 FROM ins i WHERE i.video_id = n.video_id AND i.day = n.day)
      UNION ALL
      SELECT p.channel_id, d.video_id, d.day, d.views FROM del d JOIN span p USING (video_id)
    )
    SELECT channel_id, day, views - COALESCE(lag(views) OVER w, 0) AS views_delta, 1 AS snapshots
    FROM now_rows WINDOW w AS (PARTITION BY video_id ORDER BY day)
    UNION ALL
    SELECT channel_id, day, COALESCE(lag(views) OVER w, 0) - views, -1
    FROM was_rows WINDOW w AS (PARTITION BY video_id ORDER BY day)$q$,
    ins_rows, del_rows))
  INTO gone_channels, gone_days;
  IF gone_channels IS NOT NULL THEN PERFORM rollups_prune(gone_channels, gone_days); END IF;
  RETURN NULL;
END $fn$;

-- Recomputes whole channels from the raw snapshots (~100 videos x 90 days each).
CREATE FUNCTION rebuild_channel_rollups(channel_ids text[]) RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $fn$
  DELETE FROM channel_view_days WHERE channel_id = ANY (channel_ids);
  INSERT INTO channel_view_days (channel_id, day, views_delta, snapshots)
  SELECT d.channel_id, d.day, sum(d.delta), count(*)
  FROM (
    SELECT v.channel_id, s.day,
           s.views - COALESCE(lag(s.views) OVER (PARTITION BY s.video_id ORDER BY s.day), 0) AS delta
    FROM videos v JOIN video_daily_stats s USING (video_id)
    WHERE v.channel_id = ANY (channel_ids)
  ) d
  GROUP BY d.channel_id, d.day;
$fn$;

CREATE FUNCTION rollups_on_video_move() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $fn$
BEGIN
  IF current_setting('tubelens.rollups', true) = 'off' THEN RETURN NULL; END IF;
  PERFORM rebuild_channel_rollups(ARRAY[OLD.channel_id, NEW.channel_id]);
  RETURN NULL;
END $fn$;

-- A video's snapshots go before the video does, so the snapshot trigger still finds its channel
-- (the foreign key's cascade then has nothing left to delete).
CREATE FUNCTION rollups_on_video_delete() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $fn$
BEGIN
  IF current_setting('tubelens.rollups', true) = 'off' THEN RETURN OLD; END IF;
  DELETE FROM video_daily_stats WHERE video_id = OLD.video_id;
  RETURN OLD;
END $fn$;

-- TRUNCATE (of the snapshots, or of videos or channels with CASCADE) leaves no snapshots at all.
CREATE FUNCTION rollups_on_snapshots_truncate() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $fn$
BEGIN
  IF current_setting('tubelens.rollups', true) = 'off' THEN RETURN NULL; END IF;
  DELETE FROM channel_view_days;
  RETURN NULL;
END $fn$;

CREATE TRIGGER rollups_snapshots_truncate AFTER TRUNCATE ON video_daily_stats
  FOR EACH STATEMENT EXECUTE FUNCTION rollups_on_snapshots_truncate();
CREATE TRIGGER rollups_snapshots_insert AFTER INSERT ON video_daily_stats
  REFERENCING NEW TABLE AS new_table FOR EACH STATEMENT EXECUTE FUNCTION rollups_on_snapshots();
CREATE TRIGGER rollups_snapshots_update AFTER UPDATE ON video_daily_stats
  REFERENCING OLD TABLE AS old_table NEW TABLE AS new_table
  FOR EACH STATEMENT EXECUTE FUNCTION rollups_on_snapshots();
CREATE TRIGGER rollups_snapshots_delete AFTER DELETE ON video_daily_stats
  REFERENCING OLD TABLE AS old_table FOR EACH STATEMENT EXECUTE FUNCTION rollups_on_snapshots();
CREATE CONSTRAINT TRIGGER rollups_video_move AFTER UPDATE OF channel_id ON videos
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (OLD.channel_id IS DISTINCT FROM NEW.channel_id) EXECUTE FUNCTION rollups_on_video_move();
CREATE TRIGGER rollups_video_delete BEFORE DELETE ON videos
  FOR EACH ROW EXECUTE FUNCTION rollups_on_video_delete();
ALTER TABLE video_daily_stats ENABLE ALWAYS TRIGGER rollups_snapshots_truncate;
ALTER TABLE video_daily_stats ENABLE ALWAYS TRIGGER rollups_snapshots_insert;
ALTER TABLE video_daily_stats ENABLE ALWAYS TRIGGER rollups_snapshots_update;
ALTER TABLE video_daily_stats ENABLE ALWAYS TRIGGER rollups_snapshots_delete;
ALTER TABLE videos ENABLE ALWAYS TRIGGER rollups_video_move;
ALTER TABLE videos ENABLE ALWAYS TRIGGER rollups_video_delete;

-- SECURITY DEFINER functions run as their owner: only the triggers (which run them as the owner
-- anyway) and the ingest's login, which writes snapshots and may repair their rollups, call them.
REVOKE EXECUTE ON FUNCTION rebuild_rollups(), rebuild_channel_rollups(text[]), rollups_prune(text[], date[]),
  rollups_on_snapshots(), rollups_on_snapshots_truncate(), rollups_on_video_move(),
  rollups_on_video_delete() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION rebuild_rollups() TO tubelens_ingest;

SELECT rebuild_rollups();

-- JIT off for this database's new sessions. The planner guesses 100 rows for a jsonb list of
-- channel ids, so a refresh batch's statement is estimated past jit_above_cost (140,000 against
-- 100,000) and compiled on every call: 60-140 ms of compiling for 18 ms of executing, measured at
-- 1,000 channels / 100,000 videos (100 batches: 8 s of a 13 s refresh). The explorer's scans of
-- 1 M videos are bound by reading rows, not by expression evaluation, which is all JIT speeds up.
DO $$
BEGIN
  EXECUTE format('ALTER DATABASE %I SET jit = off', current_database());
END $$;
`,
};
