import type { SqlExecutor } from '../sql/SqlClient.ts';

/** Every channel in channel_id order, and whether it changed since an earlier run's snapshot. */
export interface ChannelChanges {
  /** channel_id order, as the whole index lists them (the database's collation, not JavaScript's). */
  readonly channelIds: string[];
  readonly changed: Set<string>;
}

/**
 * Stamps a run's refresh_runs row with the snapshot it is about to read the channel index at
 * (migration 12). Taken before the index is read, so every change the index might miss commits
 * after it and a later run sees it as a change: a snapshot a little old costs recomputation,
 * never a stale entry.
 */
export async function recordIndexSnapshot(db: SqlExecutor, generation: string): Promise<void> {
  await db.query(
    `UPDATE refresh_runs SET index_snapshot = pg_current_snapshot()::text WHERE generation = $1`,
    [generation],
  );
}

// The earlier run's snapshot, usable when nothing was truncated since and the transaction ids
// still count up from it (a database restored from a dump elsewhere may count from lower: then
// its snapshot means nothing here).
const SINCE_SQL = /* sql */ `
SELECT r.index_snapshot AS snapshot,
       NOT EXISTS (SELECT 1 FROM channel_changes_reset x WHERE NOT pg_visible_in_snapshot(x.xid, s.snapshot))
         AND pg_snapshot_xmax(pg_current_snapshot()) >= pg_snapshot_xmax(s.snapshot) AS usable
FROM refresh_runs r CROSS JOIN LATERAL (SELECT r.index_snapshot::pg_snapshot AS snapshot) s
WHERE r.generation = $1 AND r.status = 'succeeded' AND r.index_snapshot IS NOT NULL
ORDER BY r.run_id DESC LIMIT 1`;

// Keyset pages over the channels' primary key; a channel changed when its newest writer had not
// committed in the earlier snapshot (pg_visible_in_snapshot: by commit, not by xid order).
const PAGE_SQL = /* sql */ `
SELECT c.channel_id,
       (x.xid IS NOT NULL AND NOT pg_visible_in_snapshot(x.xid, $2::text::pg_snapshot)) AS changed
FROM channels c LEFT JOIN channel_changes x USING (channel_id)
WHERE $1::text IS NULL OR c.channel_id > $1::text
ORDER BY c.channel_id
LIMIT $3`;

/**
 * The channels, each marked changed or not since the index snapshot of the run that published
 * `generation`; null when that snapshot is missing or unusable (no such successful run in this
 * database, a TRUNCATE since, another history of transaction ids). Each page is its own statement:
 * a channel written between pages is marked changed by a later run, never lost.
 * 4,000 ids a page: ~75 bytes each through the Data API, well under its 1 MiB response limit.
 */
export async function queryChannelChanges(
  db: SqlExecutor,
  generation: string,
  pageSize = 4000,
): Promise<ChannelChanges | null> {
  const since = (await db.query<{ snapshot: string; usable: boolean }>(SINCE_SQL, [generation])).rows[0];
  if (!since?.usable) return null;
  const channelIds: string[] = [];
  const changed = new Set<string>();
  let after: string | null = null;
  for (;;) {
    const page: { rows: { channel_id: string; changed: boolean }[] } = await db.query(PAGE_SQL, [
      after,
      since.snapshot,
      pageSize,
    ]);
    const { rows } = page;
    for (const r of rows) {
      channelIds.push(r.channel_id);
      if (r.changed) changed.add(r.channel_id);
    }
    if (rows.length < pageSize) return { channelIds, changed };
    after = rows[rows.length - 1]!.channel_id;
  }
}
