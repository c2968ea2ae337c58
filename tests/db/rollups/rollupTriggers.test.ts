import { beforeEach, expect, it } from 'vitest';
import { rebuildRollups } from '../../../db/rollups/index.ts';
import type { SqlClient } from '../../../db/sql/SqlClient.ts';
import { describeEachBackend } from '../../support/backends.ts';
import { rollupsFromRaw, storedRollups } from './rollupsFromRaw.ts';

const snap = (db: SqlClient, values: string) =>
  db.query(`INSERT INTO video_daily_stats (video_id, day, views, likes) VALUES ${values}`);

/** The stored rollups, after checking them against the raw snapshots. */
async function checked(db: SqlClient) {
  const stored = await storedRollups(db);
  expect(stored).toEqual(await rollupsFromRaw(db));
  return stored.map((r) => [r.channel_id, r.day, r.views_delta, r.snapshots]);
}

describeEachBackend('rollup triggers on video_daily_stats and videos', (db) => {
  beforeEach(async () => {
    const c = db().client;
    await c.query('DELETE FROM channels');
    await c.query(`INSERT INTO channels (channel_id, title) VALUES ('UCa', 'A'), ('UCb', 'B')`);
    await c.query(
      `INSERT INTO videos (video_id, channel_id, title, published_at) VALUES
         ('a1', 'UCa', 'one', '2026-01-01'), ('a2', 'UCa', 'two', '2026-01-01'), ('b1', 'UCb', 'three', '2026-01-01')`,
    );
  });

  it('adds a day appended after the last one as the difference to the previous snapshot', async () => {
    const c = db().client;
    await snap(c, `('a1', '2026-01-01', 10, 1), ('a2', '2026-01-01', 5, 0)`);
    await snap(c, `('a1', '2026-01-03', 30, 1)`);
    expect(await checked(c)).toEqual([
      ['UCa', '2026-01-01', 15, 2],
      ['UCa', '2026-01-03', 20, 1],
    ]);
  });

  it('changes the next day too when a snapshot is inserted between two days', async () => {
    const c = db().client;
    await snap(c, `('a1', '2026-01-01', 10, 1), ('a1', '2026-01-05', 50, 1)`);
    await snap(c, `('a1', '2026-01-03', 30, 1)`);
    expect(await checked(c)).toEqual([
      ['UCa', '2026-01-01', 10, 1],
      ['UCa', '2026-01-03', 20, 1],
      ['UCa', '2026-01-05', 20, 1],
    ]);
  });

  it('takes several days of one video in one statement, in any order, and a new first day', async () => {
    const c = db().client;
    await snap(c, `('a1', '2026-01-04', 40, 1)`);
    await snap(c, `('a1', '2026-01-06', 70, 1), ('a1', '2026-01-02', 20, 1), ('a1', '2026-01-05', 45, 1)`);
    expect(await checked(c)).toEqual([
      ['UCa', '2026-01-02', 20, 1],
      ['UCa', '2026-01-04', 20, 1],
      ['UCa', '2026-01-05', 5, 1],
      ['UCa', '2026-01-06', 25, 1],
    ]);
  });

  it('follows updates of views, ignores updates of other counts, and keeps days whose deltas sum to 0', async () => {
    const c = db().client;
    await snap(c, `('a1', '2026-01-01', 10, 1), ('a1', '2026-01-02', 20, 1), ('a1', '2026-01-03', 30, 1)`);
    await c.query(`UPDATE video_daily_stats SET views = 25 WHERE day = '2026-01-02'`);
    await c.query(`UPDATE video_daily_stats SET likes = 9`);
    await c.query(`UPDATE video_daily_stats SET views = 10 WHERE day = '2026-01-03'`);
    await snap(c, `('a2', '2026-01-03', 15, 0)`);
    expect(await checked(c)).toEqual([
      ['UCa', '2026-01-01', 10, 1],
      ['UCa', '2026-01-02', 15, 1],
      ['UCa', '2026-01-03', 0, 2],
    ]);
  });

  it('rewrites, removes and appends newest days, contiguous or not, in one statement each', async () => {
    const c = db().client;
    await snap(c, `('a1', '2026-01-01', 10, 1), ('a1', '2026-01-02', 20, 1), ('a2', '2026-01-02', 5, 0)`);
    await c.query(`UPDATE video_daily_stats SET views = views + 4 WHERE day = '2026-01-02'`);
    await c.query(`DELETE FROM video_daily_stats WHERE video_id = 'a1' AND day = '2026-01-02'`);
    await snap(c, `('a1', '2026-01-05', 50, 0), ('a1', '2026-01-07', 70, 0), ('a2', '2026-01-03', 12, 0)`);
    await snap(c, `('a1', '2026-01-09', 95, 0), ('a1', '2026-01-08', 80, 0), ('a1', '2026-01-06', 60, 0)`);
    expect(await checked(c)).toEqual([
      ['UCa', '2026-01-01', 10, 1],
      ['UCa', '2026-01-02', 9, 1],
      ['UCa', '2026-01-03', 3, 1],
      ['UCa', '2026-01-05', 40, 1],
      ['UCa', '2026-01-06', 10, 1],
      ['UCa', '2026-01-07', 10, 1],
      ['UCa', '2026-01-08', 10, 1],
      ['UCa', '2026-01-09', 15, 1],
    ]);
  });

  it('moves a day from one video to another with an update of the key', async () => {
    const c = db().client;
    await snap(c, `('a1', '2026-01-01', 10, 1), ('a1', '2026-01-02', 20, 1), ('b1', '2026-01-01', 7, 1)`);
    await c.query(
      `UPDATE video_daily_stats SET video_id = 'b1' WHERE video_id = 'a1' AND day = '2026-01-02'`,
    );
    expect(await checked(c)).toEqual([
      ['UCa', '2026-01-01', 10, 1],
      ['UCb', '2026-01-01', 7, 1],
      ['UCb', '2026-01-02', 13, 1],
    ]);
  });

  it('follows deletes of a middle day, a first day and every day', async () => {
    const c = db().client;
    await snap(c, `('a1', '2026-01-01', 10, 1), ('a1', '2026-01-02', 20, 1), ('a1', '2026-01-03', 35, 1)`);
    await snap(c, `('a2', '2026-01-02', 4, 1)`);
    await c.query(`DELETE FROM video_daily_stats WHERE video_id = 'a1' AND day = '2026-01-02'`);
    expect(await checked(c)).toEqual([
      ['UCa', '2026-01-01', 10, 1],
      ['UCa', '2026-01-02', 4, 1],
      ['UCa', '2026-01-03', 25, 1],
    ]);
    await c.query(`DELETE FROM video_daily_stats WHERE day = '2026-01-01'`);
    expect(await checked(c)).toEqual([
      ['UCa', '2026-01-02', 4, 1],
      ['UCa', '2026-01-03', 35, 1],
    ]);
    await c.query('DELETE FROM video_daily_stats');
    expect(await checked(c)).toEqual([]);
  });

  it('moves a video’s deltas with the video to another channel', async () => {
    const c = db().client;
    await snap(c, `('a1', '2026-01-01', 10, 1), ('a1', '2026-01-02', 30, 1), ('a2', '2026-01-02', 5, 1)`);
    await c.query(`UPDATE videos SET channel_id = 'UCb', title = 'moved' WHERE video_id = 'a1'`);
    await c.query(`UPDATE videos SET title = 'renamed'`);
    expect(await checked(c)).toEqual([
      ['UCa', '2026-01-02', 5, 1],
      ['UCb', '2026-01-01', 10, 1],
      ['UCb', '2026-01-02', 20, 1],
    ]);
  });

  it('removes a deleted video’s and a deleted channel’s deltas', async () => {
    const c = db().client;
    await snap(c, `('a1', '2026-01-01', 10, 1), ('a2', '2026-01-02', 5, 1), ('b1', '2026-01-01', 3, 1)`);
    await c.query(`DELETE FROM videos WHERE video_id = 'a1'`);
    expect(await checked(c)).toEqual([
      ['UCa', '2026-01-02', 5, 1],
      ['UCb', '2026-01-01', 3, 1],
    ]);
    await c.query(`DELETE FROM channels WHERE channel_id = 'UCb'`);
    expect(await checked(c)).toEqual([['UCa', '2026-01-02', 5, 1]]);
  });

  it('empties them when the snapshots are truncated, directly or by cascade from videos', async () => {
    const c = db().client;
    await snap(c, `('a1', '2026-01-01', 10, 1), ('b1', '2026-01-02', 5, 1)`);
    expect(await checked(c)).toHaveLength(2);
    await c.query('TRUNCATE video_daily_stats');
    expect(await checked(c)).toEqual([]);
    await snap(c, `('a1', '2026-01-01', 10, 1)`);
    await c.query('TRUNCATE videos CASCADE');
    expect(await checked(c)).toEqual([]);
  });

  it('keeps the rollups when writers skip ordinary triggers (session_replication_role = replica)', async () => {
    await db().client.transaction(async (tx) => {
      await tx.query("SET LOCAL session_replication_role = 'replica'");
      await tx.query(`INSERT INTO video_daily_stats (video_id, day, views) VALUES ('a1', '2026-01-01', 8)`);
    });
    expect(await checked(db().client)).toEqual([['UCa', '2026-01-01', 8, 1]]);
  });

  it('rebuildRollups recomputes rollups that a write with tubelens.rollups = off left behind', async () => {
    const c = db().client;
    await snap(c, `('a1', '2026-01-01', 10, 1)`);
    await c.transaction(async (tx) => {
      await tx.query("SET LOCAL tubelens.rollups = 'off'");
      await tx.query(`INSERT INTO video_daily_stats (video_id, day, views) VALUES ('a1', '2026-01-02', 18)`);
    });
    expect(await storedRollups(c)).toHaveLength(1);
    expect(await rebuildRollups(c)).toEqual({ rows: 2 });
    expect(await checked(c)).toEqual([
      ['UCa', '2026-01-01', 10, 1],
      ['UCa', '2026-01-02', 8, 1],
    ]);
  });
});
