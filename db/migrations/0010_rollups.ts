import type { Migration } from './Migration.ts';
import { snapshotTriggerSql } from './rollups/snapshotTrigger.ts';

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
 * - video_daily_stats INSERT / UPDATE / DELETE: the net change of the touched videos' deltas is
 *   added to the rollups in one set-based statement; the common case (a statement that appends or
 *   rewrites a video's newest days) reads two primary-key probes per video and nothing after it.
 *   See rollups/snapshotTrigger.ts.
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
 * Concurrency: two transactions may write snapshots of one video at once (a load, the ingest, the
 * generator, a user's psql). Each trigger reads the video's neighbouring snapshots, and would not
 * see the other's uncommitted ones: the deltas would drift silently. So every trigger (and the
 * rebuilds) first takes rollups_lock(), one transaction-level advisory lock held to COMMIT; under
 * READ COMMITTED (every tubelens writer's level, PostgreSQL's default) its next statement sees what
 * the previous holder committed. Writers of snapshots therefore hold it one at a time, from their
 * first snapshot write (or their start) to COMMIT. Lock order, so
 * that no writer holds a row another one needs while it waits for the lock: a load takes the load
 * lock, then rollups_lock(), then rows (db/load/loadInChunks.ts); the ingest's write transaction
 * takes rollups_lock() first (db/ingest/upsertVideos.ts); the generator writes only videos nobody
 * else can name before it commits, so its trigger may take the lock late. Hand-written writes that
 * take row locks before the lock may deadlock with a writer; PostgreSQL then aborts one of them,
 * nothing is lost. rebuild_rollups() remains the repair for writes with tubelens.rollups = 'off'.
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

-- The writers' lock (db/rollups/lockRollups.ts): one transaction-level advisory lock for every
-- writer of snapshots, key 0x726f6c6c ("roll"; the loads' own lock is "tube"). Held to COMMIT.
CREATE FUNCTION rollups_lock() RETURNS void
LANGUAGE sql AS $fn$ SELECT pg_advisory_xact_lock(x'726f6c6c'::int::bigint) $fn$;

-- The rollups from the raw snapshots: the backfill below, and the repair for drift. Each statement
-- of a volatile SQL function takes a new snapshot, so the rebuild reads what is committed once
-- the lock is granted.
CREATE FUNCTION rebuild_rollups() RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $fn$
  SELECT rollups_lock();
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

${snapshotTriggerSql}
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
  -- At commit, usually after the writer's snapshot statements (which took the lock already).
  PERFORM rollups_lock();
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
-- The writers' lock only for those who write snapshots: a read-only login (the explorer, the
-- refresh) holding it would stall every load and ingest until its transaction ends.
REVOKE EXECUTE ON FUNCTION rollups_lock() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION rollups_lock() TO tubelens_ingest;

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
