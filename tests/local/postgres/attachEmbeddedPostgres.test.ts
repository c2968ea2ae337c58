import { spawn } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPgClient } from '../../../db/sql/pgClient.ts';
import { attachEmbeddedPostgres } from '../../../local/postgres/attachEmbeddedPostgres.ts';
import { pickLocale } from '../../../local/postgres/chooseLocale.ts';
import { dataDirLayout } from '../../../local/postgres/dataDirLayout.ts';
import { withFileLock } from '../../../local/postgres/fileLock.ts';
import { serverUsers } from '../../../local/postgres/serverUsers.ts';
import { removeDataDir, tempDataDir } from '../../support/tempDir.ts';

/** A pid that certainly belongs to no running process: a child that has exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.on('exit', resolve));
  return child.pid!;
}

describe('attachEmbeddedPostgres', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await tempDataDir('tubelens-attach-');
  });
  afterAll(async () => {
    await removeDataDir(path.join(dir, 'db'));
    await removeDataDir(dir);
  });

  it('refuses a data dir that is a file, saying so, and creates nothing', async () => {
    const file = path.join(dir, 'a-file');
    await writeFile(file, 'not a directory');
    for (const dataDir of [file, path.join(file, 'below')]) {
      await expect(attachEmbeddedPostgres({ dataDir, command: 'test' })).rejects.toThrow(
        `the data dir ${dataDir} is not a directory (a file is in the way)`,
      );
    }
    expect(await readFile(file, 'utf8')).toBe('not a directory');
  });

  it('creates the cluster on first use, on loopback only, never on 5432, and records its port', async () => {
    const dataDir = path.join(dir, 'db');
    const lines: string[] = [];
    const server = await attachEmbeddedPostgres({ dataDir, command: 'test', log: (l) => lines.push(l) });
    try {
      expect(lines[0]).toMatch(/creating the embedded PostgreSQL database in .*postgres \(first run\)/);
      expect(server.port).not.toBe(5432);
      const record = JSON.parse(await readFile(path.join(dataDir, 'server.json'), 'utf8'));
      expect(record).toMatchObject({ host: '127.0.0.1', port: server.port, database: 'tubelens' });
      expect((await readFile(path.join(dataDir, 'secret'), 'utf8')).trim()).toHaveLength(32);
      const db = openPgClient({ connectionString: server.url, max: 1 });
      try {
        await db.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
        const { rows } = await db.query<{
          listen: string;
          socket: string;
          encoding: string;
          ctype: string;
          collate: string;
          trigrams: number;
          sorted: string[];
        }>(
          `SELECT current_setting('listen_addresses') AS listen,
                  current_setting('unix_socket_directories') AS socket,
                  pg_encoding_to_char(encoding) AS encoding, datctype AS ctype, datcollate AS collate,
                  cardinality(show_trgm('ゲーム実況')) AS trigrams,
                  (SELECT array_agg(t ORDER BY t) FROM unnest(ARRAY['é', 'b', 'ゲ', 'B', 'a']) t) AS sorted
           FROM pg_database WHERE datname = current_database()`,
        );
        expect(rows[0]).toMatchObject({ listen: '127.0.0.1', socket: '', encoding: 'UTF8', collate: 'C' });
        // Characters from a UTF-8 locale (pg_trgm sees Japanese letters), sorting by bytes.
        expect(rows[0]!.ctype).toMatch(/utf-?8/i);
        expect(rows[0]!.trigrams).toBeGreaterThan(0);
        expect(rows[0]!.sorted).toEqual(['B', 'a', 'b', 'é', 'ゲ']);
        expect(lines[1]).toMatch(/PostgreSQL 17, UTF8, characters .*utf-?8, collation C, running as /i);
        // A password is required, even on loopback.
        const wrong = new URL(server.url);
        wrong.password = 'wrong';
        const intruder = openPgClient({ connectionString: wrong.toString(), max: 1 });
        await expect(intruder.query('SELECT 1')).rejects.toThrow(/password authentication failed/);
        await intruder.close();
      } finally {
        await db.close();
      }
      // A second hold in the same process shares the server; only the last release stops it.
      const again = await attachEmbeddedPostgres({ dataDir, command: 'test' });
      expect(again.url).toBe(server.url);
      expect(await again.release()).toBe('still used by this process');
    } finally {
      expect(await server.release()).toBe('stopped the embedded PostgreSQL');
    }
    await expect(readFile(path.join(dataDir, 'postgres', 'postmaster.pid'))).rejects.toThrow();
  }, 120_000);

  it.runIf(process.getuid?.() === 0)(
    'keeps the cluster where the server user can reach it when the data dir is shut to it (root, mode 700)',
    async () => {
      const closed = await mkdtemp(path.join(os.tmpdir(), 'tubelens-closed-'));
      await chmod(closed, 0o700);
      const dataDir = path.join(closed, 'db');
      const lines: string[] = [];
      const server = await attachEmbeddedPostgres({ dataDir, command: 'test', log: (l) => lines.push(l) });
      let cluster = '';
      try {
        expect(lines[0]).toMatch(
          new RegExp(`runs as \`postgres\`, which cannot enter ${closed}; the cluster of`),
        );
        cluster = (await readFile(path.join(dataDir, 'cluster-location'), 'utf8')).trim();
        expect(cluster).toMatch(/^\/var\/tmp\/tubelens-postgres\/clusters\//);
        await readFile(path.join(cluster, 'PG_VERSION'));
        const db = openPgClient({ connectionString: server.url, max: 1 });
        expect((await db.query<{ one: number }>('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
        await db.close();
      } finally {
        await server.release();
        await rm(cluster, { recursive: true, force: true });
        await removeDataDir(closed);
      }
    },
    120_000,
  );
});

describe('withFileLock', () => {
  it('breaks a lock whose holder has died, and waits for one whose holder is alive', async () => {
    const dir = await tempDataDir('tubelens-lock-');
    const lock = dataDirLayout(dir).lock;
    await mkdir(path.dirname(lock), { recursive: true });
    await writeFile(lock, JSON.stringify({ pid: await deadPid(), started: '1', purpose: 'crashed' }));
    expect(await withFileLock(lock, async () => 'taken', { purpose: 'test', timeoutMs: 2000 })).toBe('taken');

    const waits: string[] = [];
    let releaseFirst = () => {};
    let holding = () => {};
    const held = new Promise<void>((resolve) => (holding = resolve));
    const first = withFileLock(
      lock,
      () =>
        new Promise<void>((resolve) => {
          releaseFirst = resolve;
          holding();
        }),
      { purpose: 'holding it' },
    );
    await held;
    const second = withFileLock(lock, async () => 'second', {
      purpose: 'test',
      waitNoticeMs: 50,
      onWait: (holder) => waits.push(holder),
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(waits).toEqual([`process ${process.pid} is holding it`]);
    releaseFirst();
    await first;
    expect(await second).toBe('second');
    await removeDataDir(dir);
  });
});

describe('serverUsers', () => {
  it('counts only live processes and forgets the dead ones', async () => {
    const dir = await tempDataDir('tubelens-users-');
    const users = serverUsers(path.join(dir, 'users'));
    const dead = await deadPid();
    await users.add({ pid: dead, started: '' }, 'tubelens load');
    await users.add({ pid: process.pid, started: '' }, 'tubelens start');
    expect(await users.others(-1)).toEqual([{ pid: process.pid, started: '', command: 'tubelens start' }]);
    expect(await users.others(process.pid)).toEqual([]);
    await removeDataDir(dir);
  });
});

describe('pickLocale', () => {
  it('prefers en_US.UTF-8 as Aurora, then C.UTF-8, and never a locale without UTF-8', () => {
    expect(pickLocale(['C', 'POSIX', 'C.utf8', 'en_US.utf8'])).toBe('en_US.utf8');
    expect(pickLocale(['C', 'C.UTF-8', 'de_DE.UTF-8'])).toBe('C.UTF-8');
    expect(pickLocale(['C', 'ja_JP.UTF-8'])).toBe('ja_JP.UTF-8');
    expect(pickLocale(['C', 'POSIX'])).toBeUndefined();
  });
});
