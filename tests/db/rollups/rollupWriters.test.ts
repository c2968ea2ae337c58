import { beforeEach, expect, it } from 'vitest';
import { generateDataset } from '../../../db/generate/generateDataset.ts';
import { upsertVideos, type VideoRow } from '../../../db/ingest/upsertVideos.ts';
import { loadFile } from '../../../db/load/loadFile.ts';
import { openTrendingFile } from '../../../db/load/openTrendingFile.ts';
import type { SqlClient } from '../../../db/sql/SqlClient.ts';
import { describeEachBackend } from '../../support/backends.ts';
import { loadTrendingFixture } from '../../support/loadTrendingFixture.ts';
import { rollupsFromRaw, storedRollups } from './rollupsFromRaw.ts';
import { videoRow } from './videoRow.ts';

async function loadTracker(db: SqlClient, name: string) {
  const file = `tests/fixtures/tracker/${name}`;
  return loadFile(db, await openTrendingFile(file), { file });
}

/** The stored rollups, after checking them against the raw snapshots and that there are some. */
async function checked(db: SqlClient) {
  const stored = await storedRollups(db);
  expect(stored.length).toBeGreaterThan(0);
  expect(stored).toEqual(await rollupsFromRaw(db));
  return stored;
}

const video = videoRow;

// Every writer of snapshots keeps the rollups equal to what the raw snapshots give.
describeEachBackend('rollups under every writer of snapshots', (db) => {
  beforeEach(async () => {
    await db().client.query('DELETE FROM channels');
  });

  it('the trending loader keeps them, and loading the same file again changes nothing', async () => {
    const c = db().client;
    await loadTrendingFixture(c, 'kaggle_rsrishav_JP_2020-08_titles.csv');
    const first = await checked(c);
    expect(new Set(first.map((r) => r.day)).size).toBeGreaterThan(1);
    await loadTrendingFixture(c, 'kaggle_rsrishav_JP_2020-08_titles.csv');
    expect(await checked(c)).toEqual(first);
  });

  it('the tracker import keeps them, and importing the same file again changes nothing', async () => {
    const c = db().client;
    await loadTracker(c, 'channels.csv');
    await loadTracker(c, 'video_snapshots.csv');
    const first = await checked(c);
    await loadTracker(c, 'video_snapshots.csv');
    expect(await checked(c)).toEqual(first);
  });

  it('the ingest keeps them, including a video that moves channel in the same call as its snapshot', async () => {
    const c = db().client;
    await c.query(`INSERT INTO channels (channel_id, title) VALUES ('UCa', 'A'), ('UCb', 'B')`);
    const write = (found: VideoRow[], day: string) =>
      upsertVideos(c, { requested: found.map((v) => v.videoId), found, gone: [], day });
    await write([video('v1', 'UCa', 10), video('v2', 'UCa', 3)], '2026-01-02');
    await write([video('v1', 'UCa', 25), video('v2', 'UCa', 3)], '2026-01-03');
    await write([video('v1', 'UCb', 40)], '2026-01-04');
    const stored = await checked(c);
    expect(stored.filter((r) => r.channel_id === 'UCb').map((r) => [r.day, r.views_delta])).toEqual([
      ['2026-01-02', 10],
      ['2026-01-03', 15],
      ['2026-01-04', 15],
    ]);
  });

  it('the generator keeps them over its parallel COPY lanes', async () => {
    const c = db().client;
    await generateDataset(c, { channels: 6, videos: 60, days: 12, seed: 5 });
    const stored = await checked(c);
    expect(new Set(stored.map((r) => r.channel_id)).size).toBe(6);
  });
});
