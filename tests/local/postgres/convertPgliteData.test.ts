import { cp, readdir } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checksumOf } from '../../../db/migrate.ts';
import { migrations } from '../../../db/migrations/index.ts';
import { openPgClient } from '../../../db/sql/pgClient.ts';
import { attachEmbeddedPostgres } from '../../../local/postgres/attachEmbeddedPostgres.ts';
import { removeDataDir, tempDataDir } from '../../support/tempDir.ts';
import { tubelens } from '../cli/support/tubelensProcess.ts';

// tubelens 0.1 kept its data in PGlite: `.tubelens/pgdata` by default, or in the --data-dir itself.
// Its schema was migrations 1, 3 and 5.
const OLD_VERSIONS = [1, 3, 5];
const TABLES = [
  'categories',
  'channels',
  'videos',
  'video_daily_stats',
  'channel_daily_stats',
  'refresh_runs',
];

/** Makes a PGlite data dir as tubelens 0.1 left it, with rows in every kind of column. */
async function makeOldPgliteDir(dir: string): Promise<void> {
  const db = await PGlite.create(dir);
  await db.exec(`CREATE TABLE schema_migrations (
    version integer PRIMARY KEY, name text NOT NULL, checksum text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now())`);
  for (const m of migrations.filter((x) => OLD_VERSIONS.includes(x.version))) {
    await db.exec(m.sql);
    await db.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
      m.version,
      m.name,
      checksumOf(m.sql),
    ]);
  }
  await db.exec(`
    INSERT INTO categories (category_id, title) VALUES (10, 'Music'), (20, 'ゲーム');
    INSERT INTO channels (channel_id, title, subscriber_count) VALUES
      ('UCjp', '東海オンエア', 7000000), ('UCkr', '먹방 채널', 12000), ('UCen', 'Café "Quotes"\tand tabs', NULL);
    INSERT INTO videos (video_id, channel_id, title, published_at, category_id, tags, views) VALUES
      ('v1', 'UCjp', '【検証】ゲーム実況やってみた 🎮', '2024-01-02 03:04:05.123456+00', 20, '{ゲーム,"a,b"}', 1200),
      ('v2', 'UCkr', '먹방 라이브', '2024-01-03 00:00:00+00', 10, '{}', 30),
      ('v3', 'UCen', E'line\\nbreak', '2024-01-04 00:00:00+00', NULL, '{x}', NULL);
    INSERT INTO video_daily_stats (video_id, day, views) VALUES ('v1', '2024-01-02', 100), ('v1', '2024-01-03', 1200), ('v2', '2024-01-03', 30);
    INSERT INTO channel_daily_stats (channel_id, day, subscribers, views, videos) VALUES ('UCjp', '2024-01-03', 7000000, 99, 1);
    INSERT INTO refresh_runs (kind, status) VALUES ('full', 'succeeded'), ('incremental', 'succeeded');
  `);
  await db.close();
}

async function tableCounts(url: string): Promise<Record<string, number>> {
  const db = openPgClient({ connectionString: url, max: 1 });
  try {
    const counts: Record<string, number> = {};
    for (const table of TABLES) {
      const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
      counts[table] = rows[0]!.n;
    }
    return counts;
  } finally {
    await db.close();
  }
}

describe('a PGlite data dir of tubelens 0.1', () => {
  let dir: string;
  let template: string;
  beforeAll(async () => {
    dir = await tempDataDir('tubelens-pglite-');
    template = path.join(dir, 'template');
    await makeOldPgliteDir(template);
  }, 120_000);
  afterAll(async () => {
    await removeDataDir(path.join(dir, 'default'));
    await removeDataDir(dir);
  });

  it('is converted once on first start with every row kept, and its files kept aside', async () => {
    // The default layout: .tubelens/pgdata.
    const dataDir = path.join(dir, 'default');
    await cp(template, path.join(dataDir, 'pgdata'), { recursive: true });
    const first = await tubelens(['status', '--data-dir', dataDir]);
    expect(first.code).toBe(0);
    expect(first.stderr).toMatch(/converting the PGlite database of an earlier tubelens/);
    expect(first.stderr).toMatch(
      /converted 14 rows in \d+ tables; the PGlite files are kept in .*pglite-backup/,
    );
    expect(first.stdout).toMatch(/channels\s+3\nvideos\s+3\n/);
    expect(await readdir(dataDir)).toEqual(expect.arrayContaining(['pglite-backup', 'postgres']));
    expect(await readdir(dataDir)).not.toContain('pgdata');

    const second = await tubelens(['status', '--data-dir', dataDir]);
    expect(second.stderr).not.toMatch(/convert/);
    expect(second.stdout).toMatch(/channels\s+3\nvideos\s+3\n/);

    const server = await attachEmbeddedPostgres({ dataDir, command: 'test' });
    try {
      expect(await tableCounts(server.url)).toEqual({
        categories: 2,
        channels: 3,
        videos: 3,
        video_daily_stats: 3,
        channel_daily_stats: 1,
        refresh_runs: 2,
      });
      const db = openPgClient({ connectionString: server.url, max: 1 });
      try {
        const { rows } = await db.query<{ title: string; tags: string[]; published_at: Date }>(
          "SELECT title, tags, published_at FROM videos WHERE video_id = 'v1'",
        );
        expect(rows[0]).toEqual({
          title: '【検証】ゲーム実況やってみた 🎮',
          tags: ['ゲーム', 'a,b'],
          published_at: new Date('2024-01-02T03:04:05.123Z'),
        });
        // Identity columns carry on after the copied rows, and newer migrations were applied.
        const next = await db.query<{ run_id: bigint }>(
          "INSERT INTO refresh_runs (kind) VALUES ('full') RETURNING run_id",
        );
        expect(next.rows[0]!.run_id).toBe(3n);
        const versions = await db.query<{ version: number }>(
          'SELECT version FROM schema_migrations ORDER BY version',
        );
        expect(versions.rows.map((r) => r.version)).toEqual(migrations.map((m) => m.version));
      } finally {
        await db.close();
      }
    } finally {
      await server.release();
    }
  }, 180_000);

  it('is converted when the --data-dir itself was the PGlite directory', async () => {
    const dataDir = path.join(dir, 'custom');
    await cp(template, dataDir, { recursive: true });
    const status = await tubelens(['status', '--data-dir', dataDir]);
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/channels\s+3\nvideos\s+3\n/);
    const entries = await readdir(dataDir);
    expect(entries).toEqual(expect.arrayContaining(['pglite-backup', 'postgres']));
    expect(entries).not.toContain('PG_VERSION');
    expect(await readdir(path.join(dataDir, 'pglite-backup'))).toContain('PG_VERSION');
  }, 180_000);
});
