import type { Migration } from './Migration.ts';

/**
 * Which channels changed since a refresh read the channel index (issue 18), so an incremental run
 * reads the index entries of those channels only and carries every other entry over from the
 * published channelIndex.json (functions/refresh/publish/readChannelIndex.ts).
 *
 * channel_changes (channel_id, xid): the newest transaction that wrote a row of the channel in
 * channels, videos, channel_daily_stats or channel_view_days (every table the channel index and
 * its fingerprint read; a video snapshot reaches it through the rollups). One row per channel,
 * rewritten by each writer, so the table stays as small as the channel list and needs no pruning.
 * A row deleted with its channel is kept: the deletion is a change too.
 * channel_changes_reset (one row): the newest TRUNCATE of one of those tables, after which no
 * per-channel record says what changed.
 *
 * refresh_runs.index_snapshot: pg_current_snapshot() (as text) taken by a run before it read the index. A
 * later run reads the channels whose xid is not visible in it (pg_visible_in_snapshot): every
 * transaction that had not committed then, whatever its xid, so a writer that started before the
 * snapshot and committed after it is not missed. The newest writer of a row is not visible in an
 * older snapshot whenever any earlier writer of it is not (a writer of the row waits for the
 * previous one's commit), so one xid per channel is enough.
 *
 * Writers: statement-level triggers with transition tables (one upsert of the statement's distinct
 * channel ids, in key order so two writers lock rows in the same order; a row this transaction
 * already stamped is not rewritten), and a row trigger for the channel a row moves away from. ENABLE ALWAYS, like the rollups' triggers: the loader writes
 * with session_replication_role = replica. Not switched off by tubelens.rollups = 'off': a change
 * recorded twice only costs a recomputation, one not recorded would publish stale data. SECURITY
 * DEFINER with a fixed search_path, so the ingest's login keeps them without write grants here.
 */
export const migration: Migration = {
  version: 12,
  name: 'channel_changes',
  sql: /* sql */ `
CREATE TABLE channel_changes (
  channel_id text PRIMARY KEY,
  xid xid8 NOT NULL
);

CREATE TABLE channel_changes_reset (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  xid xid8 NOT NULL
);

-- Text, not pg_snapshot: every client reads refresh_runs, and the Data API has no name for that type.
ALTER TABLE refresh_runs ADD COLUMN index_snapshot text;

CREATE FUNCTION channel_changes_record() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $fn$
BEGIN
  IF TG_OP = 'DELETE' THEN
    INSERT INTO channel_changes AS c (channel_id, xid)
    SELECT t.channel_id, pg_current_xact_id() FROM (SELECT DISTINCT channel_id FROM old_table) t
    ORDER BY t.channel_id
    ON CONFLICT (channel_id) DO UPDATE SET xid = excluded.xid WHERE c.xid <> excluded.xid;
  ELSE
    INSERT INTO channel_changes AS c (channel_id, xid)
    SELECT t.channel_id, pg_current_xact_id() FROM (SELECT DISTINCT channel_id FROM new_table) t
    ORDER BY t.channel_id
    ON CONFLICT (channel_id) DO UPDATE SET xid = excluded.xid WHERE c.xid <> excluded.xid;
  END IF;
  RETURN NULL;
END $fn$;

-- A row moved to another channel changes the one it left too. A row trigger whose WHEN is false
-- for every other update, instead of an old transition table on every update: the loader's
-- upserts rewrite every row of a chunk, and keeping each old row for the trigger cost more than
-- the trigger itself.
CREATE FUNCTION channel_changes_record_move() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $fn$
BEGIN
  INSERT INTO channel_changes AS c (channel_id, xid) VALUES (OLD.channel_id, pg_current_xact_id())
  ON CONFLICT (channel_id) DO UPDATE SET xid = excluded.xid WHERE c.xid <> excluded.xid;
  RETURN NULL;
END $fn$;

CREATE FUNCTION channel_changes_truncated() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $fn$
BEGIN
  INSERT INTO channel_changes_reset AS r (singleton, xid) VALUES (true, pg_current_xact_id())
  ON CONFLICT (singleton) DO UPDATE SET xid = excluded.xid;
  RETURN NULL;
END $fn$;

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['channels', 'videos', 'channel_daily_stats', 'channel_view_days'] LOOP
    EXECUTE format('CREATE TRIGGER channel_changes_insert AFTER INSERT ON %I
      REFERENCING NEW TABLE AS new_table FOR EACH STATEMENT EXECUTE FUNCTION channel_changes_record()', t);
    EXECUTE format('CREATE TRIGGER channel_changes_update AFTER UPDATE ON %I
      REFERENCING NEW TABLE AS new_table FOR EACH STATEMENT EXECUTE FUNCTION channel_changes_record()', t);
    EXECUTE format('CREATE TRIGGER channel_changes_move AFTER UPDATE OF channel_id ON %I
      FOR EACH ROW WHEN (OLD.channel_id IS DISTINCT FROM NEW.channel_id)
      EXECUTE FUNCTION channel_changes_record_move()', t);
    EXECUTE format('CREATE TRIGGER channel_changes_delete AFTER DELETE ON %I
      REFERENCING OLD TABLE AS old_table FOR EACH STATEMENT EXECUTE FUNCTION channel_changes_record()', t);
    EXECUTE format('CREATE TRIGGER channel_changes_truncate AFTER TRUNCATE ON %I
      FOR EACH STATEMENT EXECUTE FUNCTION channel_changes_truncated()', t);
    EXECUTE format('ALTER TABLE %I ENABLE ALWAYS TRIGGER channel_changes_insert', t);
    EXECUTE format('ALTER TABLE %I ENABLE ALWAYS TRIGGER channel_changes_update', t);
    EXECUTE format('ALTER TABLE %I ENABLE ALWAYS TRIGGER channel_changes_move', t);
    EXECUTE format('ALTER TABLE %I ENABLE ALWAYS TRIGGER channel_changes_delete', t);
    EXECUTE format('ALTER TABLE %I ENABLE ALWAYS TRIGGER channel_changes_truncate', t);
  END LOOP;
END $$;

REVOKE EXECUTE ON FUNCTION channel_changes_record(), channel_changes_record_move(), channel_changes_truncated()
  FROM PUBLIC;
`,
};
