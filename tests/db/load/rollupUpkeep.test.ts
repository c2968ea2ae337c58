import { fileURLToPath } from 'node:url';
import { beforeEach, expect, it } from 'vitest';
import { upsertVideos } from '../../../db/ingest/upsertVideos.ts';
import { loadTrendingFile, openTrendingFile } from '../../../db/load/index.ts';
import type { SqlClient } from '../../../db/sql/SqlClient.ts';
import { describeEachBackend } from '../../support/backends.ts';
import { rollupsFromRaw, storedRollups } from '../rollups/rollupsFromRaw.ts';
import { videoRow } from '../rollups/videoRow.ts';

const fixtures = fileURLToPath(new URL('../../fixtures/trending/', import.meta.url));
const US = 'kaggle_rsrishav_US_2020-08-12_to_2020-08-16_TRUNCATED.csv'; // 2,649 records
const JP = 'kaggle_rsrishav_JP_2020-08_titles.csv'; // 658 records

/** Loads a fixture in chunks of 64 KB (the US file makes about twenty); its cut-off last record is skipped. */
async function load(db: SqlClient, name: string) {
  const file = `${fixtures}${name}`;
  return loadTrendingFile(db, await openTrendingFile(file), {
    file,
    chunkBytes: 64 * 2 ** 10,
    skipBadRows: true,
  });
}

async function expectRollupsFromRaw(db: SqlClient) {
  const stored = await storedRollups(db);
  expect(stored.length).toBeGreaterThan(0);
  expect(stored).toEqual(await rollupsFromRaw(db));
}

const channelCount = async (db: SqlClient) =>
  (await db.query<{ n: number }>('SELECT count(DISTINCT channel_id)::int AS n FROM videos')).rows[0]!.n;

// Which way a load keeps the rollups depends on the snapshots already there (rollupUpkeep.ts);
// each test sets that up: TRUNCATE leaves the table without statistics (then it is counted),
// ANALYZE gives it statistics.
describeEachBackend('how a trending load keeps the rollups', (db) => {
  beforeEach(async () => {
    await db().client.query('TRUNCATE channels, videos, video_daily_stats CASCADE');
  });

  it('rebuilds the file’s channels once at the end when the file outweighs the snapshots there', async () => {
    const c = db().client;
    const result = await load(c, US);
    expect(result.rollupsRebuilt).toBe(await channelCount(c));
    expect(result.rollupsRebuilt).toBeGreaterThan(100);
    await expectRollupsFromRaw(c);
  });

  it('leaves them to the trigger when the table holds more snapshots than the file has rows', async () => {
    const c = db().client;
    await load(c, US);
    await c.query('ANALYZE video_daily_stats');
    const result = await load(c, JP);
    expect(result.rollupsRebuilt).toBe(0);
    await expectRollupsFromRaw(c);
  });

  it('switches to the rebuild part-way through a file once it outweighs them', async () => {
    const c = db().client;
    await load(c, JP);
    await c.query('ANALYZE video_daily_stats');
    const result = await load(c, US);
    expect(result.rollupsRebuilt).toBeGreaterThan(100);
    await expectRollupsFromRaw(c);
  });

  it('recomputes the channel a video leaves, in a load that rebuilds', async () => {
    const c = db().client;
    await c.query(`INSERT INTO channels (channel_id, title) VALUES ('UCleft', 'Left')`);
    await upsertVideos(c, {
      requested: ['aaaaaaaaaaa'],
      found: [videoRow('aaaaaaaaaaa', 'UCleft', 400)],
      gone: [],
      day: '2017-11-13',
    });
    const result = await load(c, 'small-2017.csv');
    expect(result.rollupsRebuilt).toBe(2);
    const left = await c.query(
      `SELECT count(*)::int AS n FROM channel_view_days WHERE channel_id = 'UCleft'`,
    );
    expect(left.rows[0]!.n).toBe(0);
    await expectRollupsFromRaw(c);
  });
});
