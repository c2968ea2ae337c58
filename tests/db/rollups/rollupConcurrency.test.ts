import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type pg from 'pg';
import { beforeEach, expect, it } from 'vitest';
import { upsertVideos } from '../../../db/ingest/upsertVideos.ts';
import { loadTrendingFile } from '../../../db/load/loadTrendingFile.ts';
import type { SqlClient } from '../../../db/sql/SqlClient.ts';
import { describeEachBackend } from '../../support/backends.ts';
import { rollupsFromRaw, storedRollups } from './rollupsFromRaw.ts';
import { videoRow } from './videoRow.ts';

const FIXTURE = new URL('../../fixtures/trending/kaggle_rsrishav_JP_2020-08_titles.csv', import.meta.url);
// A video of the fixture, trending on 2020-08-12, -13 and -14, and its channel.
const VIDEO = 'UYXa8R9vvzA';
const CHANNEL = 'UCZCzstgLGQdK8GSztJHh0-w';

// rollups_lock()'s key (migration 10), as pg_locks shows a bigint advisory key: its low 32 bits.
const ROLLUPS_LOCK_OBJID = 0x726f6c6c;

/** Resolves with a backend that holds (`granted`) or waits for the rollups' writer lock, polling pg_locks. */
async function lockedBy(db: SqlClient, granted: boolean, pid?: number): Promise<number> {
  for (let i = 0; i < 1000; i += 1) {
    const { rows } = await db.query<{ pid: number }>(
      `SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND objid = $1 AND granted = $2
         AND ($3::int IS NULL OR pid = $3)`,
      [ROLLUPS_LOCK_OBJID, granted, pid ?? null],
    );
    if (rows[0]) return rows[0].pid;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`no backend ${granted ? 'holds' : 'waits for'} the rollups lock`);
}

async function pidOf(conn: pg.PoolClient): Promise<number> {
  return (await conn.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
}

/** A promise and the function that resolves it. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

/** Rollups as stored, after checking that they equal an independent computation from the raw snapshots. */
async function checked(db: SqlClient) {
  const stored = await storedRollups(db);
  expect(stored.length).toBeGreaterThan(0);
  expect(stored).toEqual(await rollupsFromRaw(db));
  return stored;
}

const ingested = (views: number) => videoRow(VIDEO, CHANNEL, views);

/** The fixture as a byte stream that stops after its header and first line until `release` resolves. */
async function gatedFixture(release: Promise<void>): Promise<Readable> {
  const bytes = await readFile(FIXTURE);
  const cut = bytes.indexOf('\n', bytes.indexOf('\n') + 1) + 1;
  return Readable.from(
    (async function* () {
      yield bytes.subarray(0, cut);
      await release;
      yield bytes.subarray(cut);
    })(),
  );
}

// Two writers of one video's snapshots at once: each trigger reads the video's neighbouring
// snapshots, and without the lock neither would see the other's uncommitted rows.
describeEachBackend('rollups under concurrent writers of one video', (db) => {
  beforeEach(async () => {
    const c = db().client;
    await c.query('DELETE FROM channels');
    await c.query(`INSERT INTO channels (channel_id, title) VALUES ('UCa', 'A'), ($1, 'ingested')`, [
      CHANNEL,
    ]);
    await c.query(`INSERT INTO videos (video_id, channel_id, title, published_at) VALUES
      ('a1', 'UCa', 'one', '2026-01-01'), ('a2', 'UCa', 'two', '2026-01-01')`);
    await c.query(`INSERT INTO video_daily_stats (video_id, day, views) VALUES
      ('a1', '2026-01-01', 10), ('a1', '2026-01-03', 30), ('a1', '2026-01-08', 80), ('a2', '2026-01-03', 7)`);
  });

  for (const first of ['one', 'two'] as const) {
    it(`serialises two transactions that insert around each other's days (${first} writes first)`, async () => {
      const c = db().client;
      const one = await c.pool.connect();
      const two = await c.pool.connect();
      const pids = { one: await pidOf(one), two: await pidOf(two) };
      try {
        await one.query('BEGIN');
        await two.query('BEGIN');
        const writeOne = () =>
          one.query(`INSERT INTO video_daily_stats (video_id, day, views) VALUES ('a1', '2026-01-05', 50)`);
        const writeTwo = () =>
          two.query(`INSERT INTO video_daily_stats (video_id, day, views) VALUES
            ('a1', '2026-01-06', 60), ('a1', '2026-01-04', 40), ('a2', '2026-01-05', 9)`);
        const [early, late, lateConn] =
          first === 'one' ? [writeOne, writeTwo, two] : [writeTwo, writeOne, one];
        const earlyConn = first === 'one' ? one : two;
        await early();
        const blocked = late();
        await lockedBy(c, false, first === 'one' ? pids.two : pids.one);
        await earlyConn.query('COMMIT');
        await blocked;
        await lateConn.query('COMMIT');
      } finally {
        // Closed, not returned: a failed test must not leave a transaction open in the pool.
        one.release(true);
        two.release(true);
      }
      const stored = await checked(c);
      expect(stored.filter((r) => r.channel_id === 'UCa').map((r) => [r.day, r.views_delta])).toEqual([
        ['2026-01-01', 10],
        ['2026-01-03', 27],
        ['2026-01-04', 10],
        ['2026-01-05', 12],
        ['2026-01-06', 10],
        ['2026-01-08', 20],
      ]);
    });
  }

  it('serialises the ingest and a load that write the same video, the ingest first', async () => {
    const c = db().client;
    const wrote = gate();
    const commit = gate();
    // Before the file's first day (the file's 08-12 delta shrinks) and on its middle day.
    const ingest = c.transaction(async (tx) => {
      for (const [day, views] of [
        ['2020-08-11', 500_000],
        ['2020-08-13', 900_000],
      ] as const) {
        await upsertVideos(tx, { requested: [VIDEO], found: [ingested(views)], gone: [], day });
      }
      wrote.open();
      await commit.opened;
    });
    await wrote.opened;
    const load = loadTrendingFile(c, await gatedFixture(Promise.resolve()), {
      file: 'JP.csv',
      categories: [],
    });
    await lockedBy(c, false);
    commit.open();
    await ingest;
    await load;
    const stored = await checked(c);
    expect(stored.find((r) => r.channel_id === CHANNEL)?.day).toBe('2020-08-11');
  });

  it('serialises a load and the ingest that write the same video, the load first', async () => {
    const c = db().client;
    const rest = gate();
    // The load takes the lock at its start, then waits for the rest of the file.
    const load = loadTrendingFile(c, await gatedFixture(rest.opened), { file: 'JP.csv', categories: [] });
    const loader = await lockedBy(c, true);
    const ingest = c.transaction((tx) =>
      upsertVideos(tx, { requested: [VIDEO], found: [ingested(1_000_000)], gone: [], day: '2020-08-15' }),
    );
    const waiting = await lockedBy(c, false);
    expect(waiting).not.toBe(loader);
    rest.open();
    await load;
    await ingest;
    const stored = await checked(c);
    expect(stored.filter((r) => r.channel_id === CHANNEL).map((r) => r.day)).toContain('2020-08-15');
  });
});
