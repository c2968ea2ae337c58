import type { BulkSession } from './bulkSession.ts';
import { STAGED_KEYS_TABLE as K } from './stagingTable.ts';

/**
 * How a trending load keeps the rollups (channel_view_days, migration 10) current.
 *
 * The snapshot trigger adds each statement's net change to the rollups: the right cost for a
 * daily file into a database that already holds months of snapshots, since it reads only the
 * touched videos' neighbouring snapshots. A large file into a database that holds few snapshots
 * is the other case: every 8 MB chunk touches most of the file's channels and days again, so the
 * same rollup rows are rewritten once per chunk (at 1,000,000 generated rows, 43 chunks, about a
 * quarter of the load). Recomputing the file's channels from their raw snapshots once, after
 * the last chunk, reads every snapshot of those channels, old and new: cheaper once the file has
 * at least as many rows as the table had snapshots before it (the rebuild then reads at most
 * twice the file).
 *
 * So the trigger runs until the rows read reach the snapshots the table held when the load
 * started (counted once, from the planner's statistics or by a bounded count when there are
 * none), and from then on each chunk's snapshot statement runs with the trigger off; the last
 * step rebuilds every channel of the file, which covers the chunks that ran with the trigger as
 * well. Only the snapshot statement runs with it off: a video moved to another channel is still
 * recomputed at commit by its own trigger. The load holds rollups_lock() from its start, so no
 * other writer of snapshots runs in between. A login that may not run rebuild_channel_rollups_bulk
 * keeps the trigger throughout.
 */
export interface RollupUpkeep {
  /** Runs one chunk's snapshot statement; `rowsSoFar` is the records read so far. */
  writeSnapshots(session: BulkSession, rowsSoFar: number, write: () => Promise<unknown>): Promise<void>;
  /** After the last chunk: the channels rebuilt from their raw snapshots (0: the trigger kept them). */
  finish(session: BulkSession): Promise<number>;
}

// reltuples is -1 for a table never analysed (a new database, or after TRUNCATE): then count,
// but never more rows than make the answer "large" for any file worth the rebuild.
const EXISTING_SNAPSHOTS = /* sql */ `
SELECT CASE WHEN c.reltuples >= 0 THEN c.reltuples::bigint
  ELSE (SELECT count(*) FROM (SELECT FROM video_daily_stats LIMIT 10000000) t) END::text AS snapshots,
  has_function_privilege('rebuild_channel_rollups_bulk(text[])', 'EXECUTE') AS can_rebuild
FROM pg_class c WHERE c.oid = 'video_daily_stats'::regclass`;

// The rebuild (migration 13) reads every snapshot once, at most twice the file's by then, and
// sorts them by channel and day for the sums: 1,000,000 of them took 6 s with the sorts on disk
// at 64 MB, so the transaction gets more for this statement.
const REBUILD_WORK_MEM = '256MB';
// The channels counted from the list itself: a count(DISTINCT) of the kept keys sorted all of
// them again (0.67 s at 1,000,000 rows).
const REBUILD = /* sql */ `
WITH file AS (SELECT ARRAY(SELECT DISTINCT channel_id FROM ${K}) AS channel_ids)
SELECT rebuild_channel_rollups_bulk(channel_ids) AS done, cardinality(channel_ids) AS channels FROM file`;

/** Reads what the choice needs; call inside the load's transaction, after rollups_lock(). */
export async function planRollupUpkeep(session: BulkSession): Promise<RollupUpkeep> {
  const [row] = await session.query(EXISTING_SNAPSHOTS);
  const existing = Number(row?.snapshots ?? 0);
  const canRebuild = row?.can_rebuild === true;
  let rebuilding = false;
  return {
    async writeSnapshots(s, rowsSoFar, write) {
      if (!rebuilding && canRebuild && rowsSoFar >= existing) rebuilding = true;
      if (!rebuilding) {
        await write();
        return;
      }
      await s.query("SELECT set_config('tubelens.rollups', 'off', true)");
      await write();
      await s.query("SELECT set_config('tubelens.rollups', 'on', true)");
    },
    async finish(s) {
      if (!rebuilding) return 0;
      const previous = await s.query("SELECT current_setting('work_mem') AS value");
      await s.query(`SELECT set_config('work_mem', '${REBUILD_WORK_MEM}', true)`);
      const [rebuilt] = await s.query(REBUILD);
      await s.query('SELECT set_config($1, $2, true)', ['work_mem', previous[0]!.value]);
      return Number(rebuilt!.channels);
    },
  };
}
