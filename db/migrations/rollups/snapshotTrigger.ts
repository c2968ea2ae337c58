/**
 * Migration 10's trigger on video_daily_stats INSERT / UPDATE / DELETE (statement level, with
 * transition tables): adds the statement's net change of per-video deltas to channel_view_days.
 *
 * Per touched video, two probes of the primary key: the newest snapshot before the statement's
 * first written day, and whether any comes after its last. When the written days are contiguous,
 * none comes after and the one before is older than every changed day (an append of the video's
 * newest days, or a rewrite of them: a daily load, the ingest, a reload of the same day), nothing
 * after the change moves: the new deltas chain from that older snapshot through the new rows,
 * the old ones through the removed rows, and no other row is read. Any other video (a day inserted between two, a
 * delete in the middle) takes the general path: the span from the snapshot before its first
 * changed day to the one after its last is read as it is now and as it was (now, minus the rows
 * the statement wrote, plus the rows it removed), and the difference of the two sets of deltas
 * is added. Both paths are one set-based statement over the transition tables.
 *
 * Concurrency: rollups_lock() (a transaction-level advisory lock) is taken before any snapshot is
 * read, so two writers of one video apply their changes one after the other. Under READ COMMITTED
 * each statement below takes a new snapshot after the lock is granted, so the second writer sees
 * the first one's committed rows as neighbours (and its own rows, written before the lock, are
 * counted by its own "was" set only). See db/rollups/lockRollups.ts for the lock order.
 */
export const snapshotTriggerSql = /* sql */ `
-- The statement that adds a net change (a query of channel_id, day, views_delta, snapshots) to
-- the rollups and returns the keys left with no snapshots, for rollups_prune. Grouped first (a
-- hash over ~100 k rows), then the few thousand groups sorted into key order.
CREATE FUNCTION rollups_upsert_sql(net text) RETURNS text
LANGUAGE sql IMMUTABLE SET search_path = public, pg_temp AS $fn$
  SELECT format($q$
    WITH net AS (%s), grouped AS MATERIALIZED (
      SELECT channel_id, day, sum(views_delta) AS views_delta, sum(snapshots) AS snapshots FROM net
      GROUP BY channel_id, day
    ), up AS (
      INSERT INTO channel_view_days AS r (channel_id, day, views_delta, snapshots)
      SELECT channel_id, day, views_delta, snapshots FROM grouped
      WHERE views_delta <> 0 OR snapshots <> 0
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

-- %1$s holds the rows as they are now for the changed keys (new_table, or none), %2$s the rows
-- as they were (old_table, or none).
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
  PERFORM rollups_lock();
  EXECUTE rollups_upsert_sql(format($q$
    WITH ins AS (SELECT video_id, day, views FROM %1$s AS t),
    del AS (SELECT video_id, day, views FROM %2$s AS t),
    touched AS (
      SELECT video_id, min(day) AS first_day, max(day) AS last_day,
             count(*) FILTER (WHERE is_ins)::int AS n_ins,
             min(day) FILTER (WHERE is_ins) AS first_ins, max(day) FILTER (WHERE is_ins) AS last_ins
      FROM (SELECT video_id, day, true AS is_ins FROM ins UNION ALL SELECT video_id, day, false FROM del) k
      GROUP BY video_id
    ), span AS MATERIALIZED (
      -- prev: the newest snapshot before the statement's first written day (or before every day,
      -- when it only removed); newest: nothing else from the first changed day on.
      SELECT t.*, v.channel_id, b.day AS prev_day, b.views AS prev_views,
             (t.n_ins = 0 OR t.last_ins - t.first_ins + 1 = t.n_ins)
             AND (b.day IS NULL OR b.day < t.first_day)
             AND NOT EXISTS (SELECT 1 FROM video_daily_stats s WHERE s.video_id = t.video_id AND s.day > t.last_ins) AS newest
      FROM touched t JOIN videos v USING (video_id)
      LEFT JOIN LATERAL (
        SELECT s.day, s.views FROM video_daily_stats s
        WHERE s.video_id = t.video_id AND s.day < COALESCE(t.first_ins, 'infinity')
        ORDER BY s.day DESC LIMIT 1) b ON true
    ), general AS (SELECT * FROM span WHERE NOT newest),
    now_rows AS (
      -- General path: the snapshot before the first changed day and the one after the last
      -- (unchanged, so the same now and before; one probe each), and the changed span.
      SELECT p.channel_id, p.video_id, b.day, b.views
      FROM general p CROSS JOIN LATERAL (
        SELECT s.day, s.views FROM video_daily_stats s
        WHERE s.video_id = p.video_id AND s.day < p.first_day ORDER BY s.day DESC LIMIT 1) b
      UNION ALL
      SELECT p.channel_id, p.video_id, a.day, a.views
      FROM general p CROSS JOIN LATERAL (
        SELECT s.day, s.views FROM video_daily_stats s
        WHERE s.video_id = p.video_id AND s.day > p.last_day ORDER BY s.day LIMIT 1) a
      UNION ALL
      SELECT p.channel_id, s.video_id, s.day, s.views
      FROM general p JOIN video_daily_stats s
        ON s.video_id = p.video_id AND s.day BETWEEN p.first_day AND p.last_day
    ), was_rows AS (
      SELECT * FROM now_rows n
      WHERE NOT EXISTS (SELECT 1 FROM ins i WHERE i.video_id = n.video_id AND i.day = n.day)
      UNION ALL
      SELECT p.channel_id, d.video_id, d.day, d.views FROM del d JOIN general p USING (video_id)
    )
    -- Newest days: the new rows' deltas chain from prev, and so did the removed rows' deltas.
    SELECT p.channel_id, i.day, i.views - COALESCE(lag(i.views) OVER w, p.prev_views, 0) AS views_delta, 1 AS snapshots
    FROM ins i JOIN span p ON p.video_id = i.video_id AND p.newest
    WINDOW w AS (PARTITION BY i.video_id ORDER BY i.day)
    UNION ALL
    SELECT p.channel_id, d.day, COALESCE(lag(d.views) OVER w, p.prev_views, 0) - d.views, -1
    FROM del d JOIN span p ON p.video_id = d.video_id AND p.newest
    WINDOW w AS (PARTITION BY d.video_id ORDER BY d.day)
    UNION ALL
    SELECT channel_id, day, views - COALESCE(lag(views) OVER w, 0), 1
    FROM now_rows WINDOW w AS (PARTITION BY video_id ORDER BY day)
    UNION ALL
    SELECT channel_id, day, COALESCE(lag(views) OVER w, 0) - views, -1
    FROM was_rows WINDOW w AS (PARTITION BY video_id ORDER BY day)$q$,
    ins_rows, del_rows))
  INTO gone_channels, gone_days;
  IF gone_channels IS NOT NULL THEN PERFORM rollups_prune(gone_channels, gone_days); END IF;
  RETURN NULL;
END $fn$;
`;
