import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { generate } from '../../../bench/support/refreshData.ts';
import { runFloor } from '../../../bench/support/refreshFloor.ts';
import { checkFloor, sampleChannels } from '../../../bench/support/refreshFloorCheck.ts';
import { loadFile } from '../../../db/load/loadFile.ts';
import { openTrendingFile } from '../../../db/load/openTrendingFile.ts';
import { directoryObjectStore } from '../../../functions/refresh/objectStore/index.ts';
import { refreshReports } from '../../../functions/refresh/refreshReports.ts';
import { describeEachBackend } from '../../support/backends.ts';

// The tracker fixtures' channels: daily channel snapshots and uploads inside the snapshot window.
const TRACKED = ['UCaaaaaaaaaaaaaaaaaaaaaa', 'UCbbbbbbbbbbbbbbbbbbbbbb', 'UCcccccccccccccccccccccc'];

describeEachBackend('the refresh floor', (db) => {
  let dir: string;
  let sample: Set<string>;
  beforeAll(async () => {
    // Prepare: a generated set (every video snapshotted daily, channel snapshots, breakouts) plus
    // the tracker fixtures, published by a full refresh.
    await generate(db().client, 12, 600, 40, () => {});
    for (const name of ['channels.csv', 'channel_daily.csv', 'video_snapshots.csv']) {
      const file = `tests/fixtures/tracker/${name}`;
      await loadFile(db().client, await openTrendingFile(file), { file });
    }
    dir = await mkdtemp(path.join(os.tmpdir(), 'tubelens-floor-'));
    const result = await refreshReports({ sql: db().client, store: directoryObjectStore(dir), kind: 'full' });
    expect(result.status).toBe('published');
    const ids = (await db().client.query<{ id: string }>('SELECT channel_id AS id FROM channels')).rows;
    sample = new Set([
      ...sampleChannels(
        ids.map((r) => r.id),
        4,
      ),
      ...TRACKED,
    ]);
  }, 120_000);
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('computes the values the refresh publishes', async () => {
    const floor = await runFloor(db().url, sample, () => {});

    expect(floor.timings.map((t) => t.statement)).toContain('channel viewsOverTime');
    expect(floor.channels.get('channel growth days')?.size).toBeGreaterThan(0);
    expect(checkFloor(floor, dir, sample)).toEqual([]);
  });

  it('reports a floor value that differs from the published one', async () => {
    const floor = await runFloor(db().url, sample, () => {});
    const [id] = sample;
    const series = floor.channels.get('channel viewsOverTime')!.get(id!) as { views: number }[];
    series.at(-1)!.views += 1;
    (floor.global.get('overview') as { totals: { videos: number } }).totals.videos -= 1;

    const problems = checkFloor(floor, dir, sample);

    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^overview: \.totals\.videos/);
    expect(problems[1]).toMatch(new RegExp(`^channel ${id} viewsOverTime`));
  });
});
