import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTrendingFile, openTrendingFile, readCategoryFile } from '../../../db/load/index.ts';
import { migrate } from '../../../db/migrate.ts';
import { openClient } from '../../container/support/wsClient.ts';
import { openScratchDatabase } from '../../support/backends.ts';
import { removeDataDir, tempDataDir } from '../../support/tempDir.ts';
import { startTubelens, tubelens, urlOf } from '../cli/support/tubelensProcess.ts';

// Every case here is a workflow that lost data on PGlite (issue 14): several tubelens processes on
// one data dir, each a real `tubelens` child process, sharing the embedded PostgreSQL.
const DEMO = 'data/demo/US_trending_2017-11.csv.gz';
const US_2020 = 'tests/fixtures/trending/kaggle_rsrishav_US_2020-08-12_to_2020-08-16_TRUNCATED.csv';

/** The counts `tubelens status` prints. */
function counts(stdout: string) {
  const number = (name: string) =>
    Number(new RegExp(`^${name}\\s+([\\d,]+)`, 'm').exec(stdout)?.[1]?.replace(/,/g, ''));
  return { channels: number('channels'), videos: number('videos') };
}

/** Whether a server runs in the data dir (PostgreSQL's own lock file is there while it does). */
async function serverRunning(dataDir: string): Promise<boolean> {
  return readFile(path.join(dataDir, 'postgres', 'postmaster.pid')).then(
    () => true,
    () => false,
  );
}

/** The counts after loading the demo set and the 2020 file one after the other, in one process. */
async function sequentialCounts() {
  const db = await openScratchDatabase();
  try {
    await migrate(db);
    await loadTrendingFile(db, await openTrendingFile(DEMO), {
      file: DEMO,
      categories: await readCategoryFile('data/demo/US_category_id_2017.json'),
    });
    await loadTrendingFile(db, await openTrendingFile(US_2020), { file: US_2020, skipBadRows: true });
    const { rows } = await db.query<{ channels: number; videos: number; snapshots: number }>(
      `SELECT (SELECT count(*) FROM channels)::int AS channels, (SELECT count(*) FROM videos)::int AS videos,
              (SELECT count(*) FROM video_daily_stats)::int AS snapshots`,
    );
    return rows[0]!;
  } finally {
    await db.close();
  }
}

describe('one embedded PostgreSQL shared by every tubelens process on a data dir', () => {
  let dir: string;
  let expected: Awaited<ReturnType<typeof sequentialCounts>>;
  beforeAll(async () => {
    dir = await tempDataDir('tubelens-shared-');
    expected = await sequentialCounts();
  }, 120_000);
  afterAll(async () => {
    await removeDataDir(dir);
  });

  it('keeps a load made from a second process while `start` runs, and the site and explorer see it at once', async () => {
    const work = path.join(dir, 'lost-load');
    const started = startTubelens(work);
    try {
      const stdout = await started.running;
      const dataDir = path.join(work, 'db');
      const load = await tubelens(['load', US_2020, '--skip-bad-rows', '--data-dir', dataDir]);
      expect(load.code).toBe(0);
      // It says what makes the site show the load, and that is what the test does next.
      expect(load.stdout).toContain('the report site shows it after the next refresh: npx tubelens refresh');
      const refresh = await tubelens(['refresh', '--data-dir', dataDir, '--s3-dir', path.join(work, 's3')]);
      expect(refresh.stdout).toMatch(/published generation/);

      // The running site serves the new reports without a restart.
      const site = urlOf(stdout, 'report site');
      const manifest = (await (await fetch(new URL('data/manifest.json', site))).json()) as {
        reports: Record<string, string>;
      };
      const overview = (await (await fetch(new URL(manifest.reports.overview!, site))).json()) as {
        totals: { channels: number; videos: number };
      };
      expect(overview.totals).toMatchObject({ channels: expected.channels, videos: expected.videos });

      // The running explorer's live queries see the loaded videos.
      const client = await openClient(urlOf(stdout, 'explorer'));
      client.send({ v: 1, type: 'hello', id: 0 });
      const view = await client.next('view');
      expect(view.parts.scatter?.total).toBe(expected.videos);
      client.send({ v: 1, type: 'searchChannels', id: 1, query: 'Brawadis' });
      const found = await client.next('channels');
      expect(found.channels.map((c) => c.title)).toContain('Brawadis');
      client.close();

      started.child.kill('SIGINT');
      expect(await started.exited).toBe(0);
      expect(started.output().stderr).toMatch(/stopped the embedded PostgreSQL/);
      expect(await serverRunning(dataDir)).toBe(false);

      // Everything the second process committed is still there after `start` stopped.
      const status = await tubelens(['status', '--data-dir', dataDir]);
      expect(counts(status.stdout)).toEqual({ channels: expected.channels, videos: expected.videos });
    } finally {
      if (started.child.exitCode === null) started.child.kill('SIGKILL');
    }
  }, 300_000);

  it('runs two loads at once on one data dir: one waits for the other, both finish, every count exact', async () => {
    const dataDir = path.join(dir, 'two-loads', 'db');
    const [first, second] = await Promise.all([
      tubelens(['load', DEMO, '--data-dir', dataDir]),
      tubelens(['load', US_2020, '--skip-bad-rows', '--data-dir', dataDir]),
    ]);
    expect([first.code, second.code]).toEqual([0, 0]);
    expect(`${first.stderr}${second.stderr}`).not.toMatch(/error|deadlock/i);
    const status = await tubelens(['status', '--data-dir', dataDir]);
    expect(counts(status.stdout)).toEqual({ channels: expected.channels, videos: expected.videos });
    expect(status.stdout).toMatch(
      new RegExp(`\\(${expected.snapshots.toLocaleString('en-US')} video snapshots\\)`),
    );
    // The last process out stopped the server.
    expect(await serverRunning(dataDir)).toBe(false);
  }, 300_000);

  it('lets exactly one of two refreshes at once publish (the lease is in the shared database)', async () => {
    const dataDir = path.join(dir, 'two-refreshes', 'db');
    expect((await tubelens(['load', DEMO, '--data-dir', dataDir])).code).toBe(0);
    const out = path.join(dir, 'two-refreshes', 'out');
    const runs = await Promise.all(
      [1, 2].map(() => tubelens(['refresh', '--full', '--out', out, '--data-dir', dataDir])),
    );
    expect(runs.map((r) => r.code)).toEqual([0, 0]);
    const published = runs.filter((r) => /published generation/.test(r.stdout));
    const skipped = runs.filter((r) => /refresh skipped/.test(r.stdout));
    expect(published).toHaveLength(1);
    expect(skipped).toHaveLength(1);
  }, 300_000);

  it('recovers from a killed `start`: the next `start` reuses the server it left and stops it on Ctrl-C', async () => {
    const work = path.join(dir, 'killed');
    const dataDir = path.join(work, 'db');
    const killed = startTubelens(work);
    await killed.running;
    killed.child.kill('SIGKILL');
    await killed.exited;
    // kill -9 leaves the detached server running, and the records of a process that is gone.
    expect(await serverRunning(dataDir)).toBe(true);

    const again = startTubelens(work);
    try {
      const stdout = await again.running;
      expect(again.output().stderr).toMatch(
        new RegExp(
          `reusing the embedded PostgreSQL on port \\d+, left running by process ${killed.child.pid}`,
        ),
      );
      expect(stdout).toMatch(/the database already has data/);
      expect(stdout).toMatch(/videos\s+791\n/);
      again.child.kill('SIGINT');
      expect(await again.exited).toBe(0);
      expect(await serverRunning(dataDir)).toBe(false);
    } finally {
      if (again.child.exitCode === null) again.child.kill('SIGKILL');
    }
  }, 300_000);
});
