// The refresh bench's data: the bundled demo file through the product's loader, or a synthetic
// set written with set-based SQL (INSERT ... SELECT), fast enough for 30 M snapshots.
import path from 'node:path';
import { loadTrendingFile, openTrendingFile, readCategoryFile } from '../../db/load/index.ts';
import { rebuildRollups } from '../../db/rollups/index.ts';
import type { SqlClient } from '../../db/sql/SqlClient.ts';

/**
 * Hook run after a bulk generation, before anything is measured. The generator writes the
 * snapshots with the rollup triggers off (see `generate`), so the rollups are rebuilt here by the
 * product's own repair, in one set-based statement.
 */
export async function afterGenerate(db: SqlClient): Promise<void> {
  await rebuildRollups(db);
  await settle(db);
}

/**
 * Leaves the database at rest, as a live one is: planner statistics current and the visibility
 * map set. Otherwise autovacuum wakes on the millions of inserted rows and vacuums them in the
 * middle of a measured refresh.
 */
async function settle(db: SqlClient): Promise<void> {
  await db.query('VACUUM (ANALYZE)');
}

/** The 2017-11 trending file, loaded as `tubelens load` would. */
export async function loadDemo(db: SqlClient, root: string): Promise<void> {
  const demo = path.join(root, 'data/demo');
  const categories = await readCategoryFile(path.join(demo, 'US_category_id_2017.json'));
  const file = path.join(demo, 'US_trending_2017-11.csv.gz');
  await loadTrendingFile(db, await openTrendingFile(file), { file, categories, skipBadRows: false });
  await settle(db);
}

/**
 * Synthetic data: `channels` channels with a daily channel snapshot on each of the last `days`
 * days, `videos` videos published before the window with a snapshot on each of those days (one in
 * 97 a breakout with 50x views). The last day is 2025-12-31.
 */
export async function generate(
  db: SqlClient,
  channels: number,
  videos: number,
  days: number,
  log = console.log,
) {
  await db.query(
    `INSERT INTO categories (category_id, title) SELECT i, 'Category ' || i FROM generate_series(1, 15) i`,
  );
  await db.query(
    `INSERT INTO channels (channel_id, title, handle, subscriber_count)
     SELECT 'UC' || lpad(i::text, 22, '0'), 'Channel ' || i, '@channel' || i, (abs(hashint4(i)) % 1000000)::bigint
     FROM generate_series(1, $1::int) i`,
    [channels],
  );
  await db.query(
    `INSERT INTO videos (video_id, channel_id, title, published_at, duration_seconds, category_id,
                         views, likes, comments, stats_day)
     SELECT 'v' || lpad(i::text, 10, '0'),
            'UC' || lpad((1 + i % $2::int)::text, 22, '0'),
            'Video number ' || i || ' about something interesting',
            timestamptz '2025-12-31' - make_interval(days => $3::int + abs(hashint4(i)) % 700)
              + make_interval(secs => abs(hashint4(i * 7)) % 86400),
            30 + abs(hashint4(i * 5)) % 3600, 1 + i % 15,
            w.views, w.views / 30, w.views / 300, date '2025-12-31'
     FROM generate_series(1, $1::int) i,
          LATERAL (SELECT (100 + abs(hashint4(i * 3)) % 100000)::bigint * CASE WHEN i % 97 = 0 THEN 50 ELSE 1 END AS views) w`,
    [videos, channels, days],
  );
  log(`  ${videos} videos written; writing ${videos * days} snapshots`);
  // Unlogged (no WAL) and without its indexes and foreign key while it fills: a row at a time
  // through two b-trees and an RI check per row is what made the old generator slow.
  await db.query('ALTER TABLE video_daily_stats SET UNLOGGED');
  // The rollup triggers are off for this statement: they probe each video's neighbouring
  // snapshots by the primary key, dropped while the table fills (the 10k/1M/30 generation was
  // still in the trigger 10 minutes after the rows were written); afterGenerate rebuilds the
  // rollups from the snapshots in one statement instead.
  await withoutIndexes(db, 'video_daily_stats', () =>
    db.transaction(async (tx) => {
      await tx.query(`SET LOCAL tubelens.rollups = 'off'`);
      await tx.query(
        `INSERT INTO video_daily_stats (video_id, day, views, likes, comments)
         SELECT v.video_id, date '2025-12-31' - d, v.views * ($1::int - d) / $1::int,
                v.likes * ($1::int - d) / $1::int, v.comments * ($1::int - d) / $1::int
         FROM videos v, generate_series(0, $1::int - 1) d`,
        [days],
      );
    }),
  );
  log('  snapshots written and indexed; writing channel snapshots');
  // Channel snapshots: views are the channel's video views on the day (as the video snapshots
  // scale them), subscribers shrink 0.1 % a day back from the current count, rounded to 3
  // significant figures as the API gives them.
  await db.query(
    `INSERT INTO channel_daily_stats (channel_id, day, subscribers, views, videos)
     SELECT c.channel_id, date '2025-12-31' - d,
            s.subs - s.subs % (10 ^ greatest(0, floor(log(greatest(s.subs, 1))) - 2))::bigint,
            t.views * ($1::int - d) / $1::int, t.videos
     FROM channels c
     JOIN (SELECT channel_id, sum(views) AS views, count(*) AS videos FROM videos GROUP BY channel_id) t USING (channel_id)
     CROSS JOIN generate_series(0, $1::int - 1) d
     CROSS JOIN LATERAL (SELECT (c.subscriber_count * (1 - d * 0.001))::bigint AS subs) s`,
    [days],
  );
  await afterGenerate(db);
}

/**
 * Runs `fill` with `table`'s indexes, primary/unique keys and foreign keys dropped, then builds
 * them again (one sort each, and one set-based check per foreign key).
 */
async function withoutIndexes(db: SqlClient, table: string, fill: () => Promise<unknown>) {
  const constraints = (
    await db.query<{ name: string; def: string; type: string }>(
      `SELECT conname AS name, pg_get_constraintdef(oid) AS def, contype AS type FROM pg_constraint
       WHERE conrelid = $1::regclass AND contype IN ('p', 'u', 'f')`,
      [table],
    )
  ).rows;
  const indexes = (
    await db.query<{ name: string; def: string }>(
      `SELECT indexrelid::regclass::text AS name, pg_get_indexdef(indexrelid) AS def FROM pg_index
       WHERE indrelid = $1::regclass
         AND indexrelid NOT IN (SELECT conindid FROM pg_constraint WHERE conrelid = $1::regclass)`,
      [table],
    )
  ).rows;
  for (const c of constraints) await db.query(`ALTER TABLE ${table} DROP CONSTRAINT ${c.name}`);
  for (const i of indexes) await db.query(`DROP INDEX ${i.name}`);
  await fill();
  // Keys first, so a foreign key that points at this table finds its unique index.
  const keysFirst = [...constraints].sort((a, b) => Number(a.type === 'f') - Number(b.type === 'f'));
  for (const c of keysFirst) await db.query(`ALTER TABLE ${table} ADD CONSTRAINT ${c.name} ${c.def}`);
  for (const i of indexes) await db.query(i.def);
}

/**
 * One channel changes as an ingest would change it: its videos' latest counts and their newest
 * snapshots go up by one view. Returns the channel id.
 */
export async function changeOneChannel(db: SqlClient): Promise<string> {
  const id = (await db.query<{ id: string }>('SELECT min(channel_id) AS id FROM channels')).rows[0]!.id;
  await db.query('UPDATE videos SET views = views + 1 WHERE channel_id = $1', [id]);
  await db.query(
    `UPDATE video_daily_stats s SET views = v.views FROM videos v
     WHERE v.channel_id = $1 AND s.video_id = v.video_id AND s.day = v.stats_day`,
    [id],
  );
  return id;
}
