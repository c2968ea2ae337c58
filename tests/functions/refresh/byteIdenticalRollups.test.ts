import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { generateDataset } from '../../../db/generate/generateDataset.ts';
import { loadTrendingFile, openTrendingFile, readCategoryFile } from '../../../db/load/index.ts';
import { rebuildRollups } from '../../../db/rollups/index.ts';
import { directoryObjectStore } from '../../../functions/refresh/objectStore/index.ts';
import { refreshReports } from '../../../functions/refresh/refreshReports.ts';
import { describeEachBackend } from '../../support/backends.ts';

const DEMO = 'data/demo/US_trending_2017-11.csv.gz';
const T0 = new Date('2026-11-20T03:00:00Z');

/** Every file under `dir`, by path relative to it. */
async function filesUnder(dir: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    files.set(path.relative(dir, full), await readFile(full));
  }
  return files;
}

// Reports from the rollups the triggers kept while the data arrived, and from rollups rebuilt
// from the raw snapshots, must be the same bytes: same keys, same gzip, same manifest.
describeEachBackend('reports from maintained and from rebuilt rollups', (db) => {
  let work: string;

  beforeAll(async () => {
    work = await mkdtemp(path.join(os.tmpdir(), 'tubelens-rollups-'));
  });
  afterAll(async () => {
    if (!process.env.KEEP) await rm(work, { recursive: true, force: true });
  });

  async function publishBothWays(name: string) {
    const c = db().client;
    const publish = async (out: string) => {
      await c.query('DELETE FROM job_locks');
      const result = await refreshReports({
        sql: c,
        store: directoryObjectStore(out),
        kind: 'full',
        clock: () => T0,
        generation: '20261120T030000Z-abc123',
      });
      expect(result.status).toBe('published');
      return filesUnder(out);
    };
    const maintained = await publish(path.join(work, `${name}-maintained`));
    await c.query('DELETE FROM channel_view_days');
    const { rows } = await rebuildRollups(c);
    expect(rows).toBeGreaterThan(0);
    const rebuilt = await publish(path.join(work, `${name}-rebuilt`));
    expect([...rebuilt.keys()].sort()).toEqual([...maintained.keys()].sort());
    for (const [key, bytes] of maintained) expect(rebuilt.get(key)!.equals(bytes), key).toBe(true);
    return maintained;
  }

  it('on the demo set', async () => {
    const categories = await readCategoryFile('data/demo/US_category_id_2017.json');
    await loadTrendingFile(db().client, await openTrendingFile(DEMO), { file: DEMO, categories });
    const files = await publishBothWays('demo');
    // Most of the objects are channel reports with a views-over-time series.
    expect([...files.keys()].filter((k) => k.includes('/channels/')).length).toBeGreaterThan(1000);
  }, 120_000);

  it('on a generated set added to it', async () => {
    await generateDataset(db().client, { channels: 40, videos: 1500, days: 30, seed: 3 });
    const files = await publishBothWays('generated');
    expect([...files.keys()].filter((k) => k.includes('/channels/')).length).toBeGreaterThan(1040);
  }, 120_000);
});
