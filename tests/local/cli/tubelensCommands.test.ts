import { writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backendUrl } from '../../support/backends.ts';
import { removeDataDir, tempDataDir } from '../../support/tempDir.ts';
import { tubelens } from './support/tubelensProcess.ts';

describe('tubelens load, generate and start', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await tempDataDir('tubelens-cli-');
  });
  afterAll(async () => {
    await removeDataDir(dir);
  });

  it.each(['load', 'generate', 'start'])('%s --help explains the command and exits 0', async (name) => {
    const { code, stdout } = await tubelens([name, '--help']);
    expect(code).toBe(0);
    expect(stdout).toContain(`Usage: tubelens ${name}`);
    expect(stdout).toContain('--data-dir DIR');
  });

  it('exits 2 with the usage on bad arguments', async () => {
    // Three processes at once: each takes a few seconds to start on a busy two-core machine.
    const [noFile, badNumber, unknown] = await Promise.all([
      tubelens(['load']),
      tubelens(['generate', '--videos', 'many']),
      tubelens(['start', '--bogus']),
    ]);
    expect(noFile.code).toBe(2);
    expect(noFile.stderr).toContain('name at least one CSV file to load');
    expect(badNumber.code).toBe(2);
    expect(badNumber.stderr).toContain('--videos must be a whole number');
    expect(unknown.code).toBe(2);
  }, 60_000);

  it('names a port that is already taken, and the option that moves it', async () => {
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const port = (holder.address() as { port: number }).port;
    await writeFile(path.join(dir, 'index.html'), '<!doctype html><title>t</title>');
    try {
      const taken = await tubelens(['site', '--port', String(port), '--site', dir, '--data', dir]);
      expect(taken.code).toBe(1);
      expect(taken.stderr).toContain(
        `tubelens site: port ${port} on 127.0.0.1 is already in use, by another tubelens or another program; ` +
          'stop it, or choose another port (tubelens site --help lists the port options)',
      );
    } finally {
      holder.close();
    }
  });

  it('says how to make a database that DATABASE_URL names and the server lacks', async () => {
    const url = new URL(backendUrl('embedded'));
    url.pathname = '/tubelens_no_such_database';
    const missing = await tubelens(['status'], { DATABASE_URL: url.toString() });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(
      'tubelens status: database "tubelens_no_such_database" does not exist: create it first (createdb, or CREATE DATABASE)',
    );
  });

  it('start --once migrates, loads the demo set and prints the summary; a second start does not reload', async () => {
    const dataDir = path.join(dir, 'db');
    const first = await tubelens(['start', '--once', '--data-dir', dataDir]);
    expect(first.stderr).not.toContain('Error');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(
      'loaded data/demo/US_trending_2017-11.csv.gz [youtube-new-2017]: 3,000 rows',
    );
    expect(first.stdout).toMatch(
      /channels\s+553\nvideos\s+791\nsnapshot days\s+15 \(3,000 video snapshots\)\ndate range\s+2017-11-14 to 2017-11-28/,
    );
    expect(first.stderr).toMatch(/3,000 rows, [\d,]+ rows\/s/);

    const failed = await tubelens([
      'load',
      'tests/fixtures/trending/kaggle_rsrishav_US_2020-08-12_to_2020-08-16_TRUNCATED.csv',
      '--data-dir',
      dataDir,
    ]);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('line 2646: record is cut off');

    const second = await tubelens(['start', '--once', '--data-dir', dataDir]);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('the demo set is loaded on the first run only');
    expect(second.stdout).toMatch(/videos\s+791\n/);

    // The demo's 553 channels have 15 snapshot days between them: the rollups hold some channel-days.
    const refresh = await tubelens([
      'refresh',
      '--rebuild-rollups',
      '--out',
      path.join(dir, 'out'),
      '--data-dir',
      dataDir,
    ]);
    expect(refresh.stderr).not.toContain('Error');
    expect(refresh.code).toBe(0);
    const rebuilt = /rebuilt the rollups from the raw snapshots: ([\d,]+) channel-days/.exec(refresh.stdout);
    expect(Number(rebuilt?.[1]?.replace(/,/g, ''))).toBeGreaterThan(553);
    expect(refresh.stdout).toContain('published generation');
  }, 300_000);
});
