import { mkdir, mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { RefreshLockedError } from '../../../functions/refresh/errors.ts';
import { directoryObjectStore, type ObjectStore } from '../../../functions/refresh/objectStore/index.ts';
import { refreshReports } from '../../../functions/refresh/refreshReports.ts';
import { insertManyChannels, insertReportFixture } from '../../db/reports/reportFixture.ts';
import { describeEachBackend } from '../../support/backends.ts';
import { readPublication } from './support/readPublication.ts';
import { withStoreFaults } from './support/storeFaults.ts';

async function listKeys(store: ObjectStore, prefix = 'data/') {
  const keys: string[] = [];
  for await (const o of store.list(prefix)) keys.push(o.key);
  return keys;
}

const T0 = new Date('2026-11-20T03:00:00Z');
const at = (hours: number) => () => new Date(T0.getTime() + hours * 3_600_000);

describeEachBackend('refreshReports', (db) => {
  let dir: string;
  let store: ObjectStore;

  beforeAll(async () => {
    await insertReportFixture(db().client);
    await insertManyChannels(db().client);
  });
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'tubelens-refresh-'));
    store = directoryObjectStore(dir);
    await db().client.query('DELETE FROM job_locks');
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('publishes every report, then a manifest that names them, all matching the contract', async () => {
    const result = await refreshReports({ sql: db().client, store, clock: at(0) });
    expect(result).toMatchObject({ status: 'published', dataAsOf: '2018-02-12', channelsComputed: 15 });
    const pub = await readPublication(store);
    expect(pub.manifest).toMatchObject({
      schemaVersion: 1,
      generatedAt: '2026-11-20T03:00:00.000Z',
      dataAsOf: '2018-02-12',
      prefix: 'data/',
      channels: { count: 15 },
    });
    expect(pub.manifest.generation).toMatch(/^20261120T030000Z-[0-9a-f]{6}$/);
    for (const key of Object.values(pub.manifest.reports)) {
      expect(key.startsWith(`data/g/${pub.manifest.generation}/`)).toBe(true);
    }
    const overview = pub.reports.overview as { totals: unknown; topChannels: { channelId: string }[] };
    // Fixture totals (4,390 views) plus the 12 one-video channels with 10..120 views (780).
    expect(overview.totals).toEqual({ channels: 15, videos: 18, views: 5170, likes: 162, comments: 17 });
    expect(overview.topChannels).toHaveLength(15);
    expect(overview.topChannels.slice(0, 3).map((c) => c.channelId)).toEqual(['UCa', 'UCb', 'UCm12']);

    const alpha = await pub.channel('UCa');
    expect(alpha?.channel).toMatchObject({ channelId: 'UCa', views: 3350, videos: 4 });
    expect(alpha?.breakouts.map((b) => b.videoId)).toEqual(['a3']);
    expect(alpha?.dataAsOf).toBe('2018-02-12');
    expect((await pub.channel('UCb'))?.channel.title).toBe('Beta <img src=x onerror=alert(1)>');
    expect((await pub.channel('UCc'))?.videos).toEqual([]);

    const { rows } = await db().client.query<{ status: string; reports_written: number }>(
      'SELECT status, reports_written FROM refresh_runs WHERE generation = $1',
      [pub.manifest.generation],
    );
    expect(rows).toEqual([
      { status: 'succeeded', reports_written: result.status === 'published' ? result.written : -1 },
    ]);
  });

  it('stores report objects gzip-encoded with immutable cache headers, the manifest short-cached', async () => {
    const puts: { key: string; cacheControl: string; contentEncoding?: string; contentType: string }[] = [];
    const recording: ObjectStore = {
      ...store,
      list: (p) => store.list(p),
      get: (k) => store.get(k),
      deleteMany: (k) => store.deleteMany(k),
      put: async (key, body, meta) => {
        puts.push({ key, ...meta });
        await store.put(key, body, meta);
      },
    };
    await refreshReports({ sql: db().client, store: recording });
    const manifest = puts.at(-1)!;
    expect(manifest).toEqual({
      key: 'data/manifest.json',
      contentType: 'application/json',
      cacheControl: 'public, max-age=60',
    });
    const reports = puts.filter((p) => !p.key.endsWith('catalog.json') && p !== manifest);
    // 9 global reports (growth included), 15 channels, 1 shard.
    expect(reports.length).toBe(9 + 15 + 1);
    for (const p of reports) {
      expect(p).toMatchObject({
        contentType: 'application/json',
        contentEncoding: 'gzip',
        cacheControl: 'public, max-age=31536000, immutable',
      });
    }
  });

  it('rewrites nothing but the catalog and the manifest when nothing changed', async () => {
    await refreshReports({ sql: db().client, store, kind: 'full' });
    const first = await readPublication(store);
    const before = await listKeys(store, 'data/g/');
    const { store: counted, puts } = withStoreFaults(store);
    const second = await refreshReports({ sql: db().client, store: counted, kind: 'full' });
    expect(second).toMatchObject({ status: 'published', written: 2, channelsComputed: 15 });
    expect(puts).toEqual([expect.stringMatching(/\/catalog\.json$/), 'data/manifest.json']);
    const again = await readPublication(store);
    expect(again.manifest.generation).not.toBe(first.manifest.generation);
    expect(again.manifest.reports).toEqual(first.manifest.reports);
    expect(again.manifest.channels.shards).toEqual(first.manifest.channels.shards);
    expect((await listKeys(store, 'data/g/')).length).toBe(before.length + 1);
  });

  it('recomputes only the changed channel on an incremental run', async () => {
    const { client } = db();
    await refreshReports({ sql: client, store });
    const first = await readPublication(store);
    await client.query(`UPDATE videos SET views = views + 5 WHERE video_id = 'b2'`);
    try {
      const { store: counted, puts } = withStoreFaults(store);
      const result = await refreshReports({ sql: client, store: counted });
      expect(result).toMatchObject({ status: 'published', channelsComputed: 1 });
      const pub = await readPublication(store);
      expect((await pub.channel('UCb'))?.channel.views).toBe(1045);
      expect(pub.channelKey('UCb')).not.toBe(first.channelKey('UCb'));
      expect(pub.channelKey('UCa')).toBe(first.channelKey('UCa'));
      // b2 has 40 views (< 100), so it is outside the engagement distributions; no durations.
      expect(pub.manifest.reports.durations).toBe(first.manifest.reports.durations);
      expect(pub.manifest.reports.engagement).toBe(first.manifest.reports.engagement);
      expect(puts.filter((k) => k.includes('/channels/'))).toEqual([
        expect.stringMatching(/channels\/UCb\.json$/),
      ]);
    } finally {
      await client.query(`UPDATE videos SET views = views - 5 WHERE video_id = 'b2'`);
    }
  });

  it('leaves the previous manifest and its objects untouched when S3 fails mid-run', async () => {
    const { client } = db();
    await client.query(`UPDATE videos SET views = views + 1`);
    try {
      await refreshReports({ sql: client, store, clock: at(0) });
    } finally {
      await client.query(`UPDATE videos SET views = views - 1`);
    }
    const manifestBefore = await readFile(path.join(dir, 'data/manifest.json'), 'utf8');
    const keysBefore = await listKeys(store);
    const { store: faulty } = withStoreFaults(store, { failPutNumber: 5 });
    await expect(refreshReports({ sql: client, store: faulty, clock: at(1) })).rejects.toThrow(
      /internal error/,
    );
    expect(await readFile(path.join(dir, 'data/manifest.json'), 'utf8')).toBe(manifestBefore);
    const old = await readPublication(store);
    expect(old.manifest.generatedAt).toBe('2026-11-20T03:00:00.000Z');
    expect((await listKeys(store)).filter((k) => keysBefore.includes(k))).toEqual(keysBefore);
    const { rows } = await client.query<{ status: string; error: string }>(
      `SELECT status, error FROM refresh_runs ORDER BY run_id DESC LIMIT 1`,
    );
    expect(rows[0]).toMatchObject({ status: 'failed', error: expect.stringMatching(/internal error/) });
    // The lease was given back: a rerun publishes.
    expect(await refreshReports({ sql: client, store, clock: at(2) })).toMatchObject({ status: 'published' });
  });

  it('leaves the previous manifest when the run stops between the reports and the manifest', async () => {
    const { client } = db();
    await refreshReports({ sql: client, store });
    const manifestBefore = await readFile(path.join(dir, 'data/manifest.json'), 'utf8');
    await client.query(`UPDATE videos SET views = views + 1 WHERE video_id = 'a1'`);
    try {
      await expect(
        refreshReports({
          sql: client,
          store,
          beforeManifest: async () => {
            throw new Error('killed');
          },
        }),
      ).rejects.toThrow('killed');
      expect(await readFile(path.join(dir, 'data/manifest.json'), 'utf8')).toBe(manifestBefore);
      const pub = await readPublication(store);
      expect((await pub.channel('UCa'))?.channel.views).toBe(3350);
    } finally {
      await client.query(`UPDATE videos SET views = views - 1 WHERE video_id = 'a1'`);
    }
  });

  it('lets only one of two concurrent runs publish', async () => {
    const results = await Promise.all([
      refreshReports({ sql: db().client, store }),
      refreshReports({ sql: db().client, store }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['published', 'skipped']);
    const skipped = results.find((r) => r.status === 'skipped');
    expect(skipped).toMatchObject({ reason: expect.stringMatching(/another refresh .* holds the lease/) });
  });

  it('takes over a lease whose holder died, and refuses to publish after losing its own', async () => {
    const { client } = db();
    await client.query(
      `INSERT INTO job_locks (name, holder, expires_at) VALUES ('refresh', 'dead', now() - interval '1 second')`,
    );
    expect(await refreshReports({ sql: client, store })).toMatchObject({ status: 'published' });
    const manifestBefore = await readFile(path.join(dir, 'data/manifest.json'), 'utf8');
    await expect(
      refreshReports({
        sql: client,
        store,
        beforeManifest: async () => {
          await client.query(`UPDATE job_locks SET holder = 'thief' WHERE name = 'refresh'`);
        },
      }),
    ).rejects.toThrow(RefreshLockedError);
    expect(await readFile(path.join(dir, 'data/manifest.json'), 'utf8')).toBe(manifestBefore);
  });

  it('keeps a short lease alive for as long as the run lives, however long one step takes', async () => {
    const { client } = db();
    let during: Awaited<ReturnType<typeof refreshReports>> | undefined;
    const result = await refreshReports({
      sql: client,
      store,
      leaseSeconds: 1,
      // Three leases long: without the heartbeat the lease would lapse here and the fence refuse.
      beforeManifest: async () => {
        await new Promise((resolve) => setTimeout(resolve, 1500));
        // A store of its own, inside the directory afterEach removes.
        during = await refreshReports({ sql: client, store: directoryObjectStore(path.join(dir, 'other')) });
        await new Promise((resolve) => setTimeout(resolve, 1500));
      },
    });
    expect(result).toMatchObject({ status: 'published' });
    expect(during).toMatchObject({ status: 'skipped' });
  });

  it('records a run that died without finishing as failed, once the next run takes the lease', async () => {
    const { client } = db();
    await client.query(
      `INSERT INTO refresh_runs (kind, generation) VALUES ('full', '20261120T020000Z-dead01')`,
    );
    await client.query(
      `INSERT INTO job_locks (name, holder, expires_at) VALUES ('refresh', '20261120T020000Z-dead01', now() - interval '1 second')`,
    );
    const warnings: string[] = [];
    const log = { info() {}, warn: (message: string) => warnings.push(message) };
    expect(await refreshReports({ sql: client, store, log })).toMatchObject({ status: 'published' });
    const { rows } = await client.query<{ status: string; error: string | null }>(
      `SELECT status, error FROM refresh_runs WHERE generation = '20261120T020000Z-dead01'`,
    );
    expect(rows).toEqual([
      { status: 'failed', error: expect.stringMatching(/^abandoned: the run stopped before it finished/) },
    ]);
    expect(warnings).toContain('earlier refresh runs ended without finishing; recorded as failed');
    const running = await client.query(`SELECT 1 FROM refresh_runs WHERE status = 'running'`);
    expect(running.rows).toEqual([]);
  });

  it('removes the temporary files a killed run left in a directory store, and only those', async () => {
    const { client } = db();
    const leftover = path.join(dir, 'data/g/20261120T020000Z-dead01/overview.json.0a1b2c3d.tmp');
    const notOurs = path.join(dir, 'data/g/20261120T020000Z-dead01/notes.tmp');
    await mkdir(path.dirname(leftover), { recursive: true });
    await writeFile(leftover, '{"half":');
    await writeFile(notOurs, 'kept');
    const past = new Date(Date.now() - 3_600_000);
    await utimes(leftover, past, past);
    await utimes(notOurs, past, past);
    expect(await refreshReports({ sql: client, store })).toMatchObject({ status: 'published' });
    await expect(readFile(leftover)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await readFile(notOurs, 'utf8')).toBe('kept');
  });

  it('deletes unreferenced objects once they are older than the retention, keeping what manifests reach', async () => {
    const { client } = db();
    const bump = (n: number) =>
      client.query(`UPDATE videos SET views = views + $1 WHERE video_id = 'b1'`, [n]);
    const g1 = await refreshReports({ sql: client, store, clock: at(0), kind: 'full' });
    // A failed run's orphans.
    await bump(1);
    await expect(
      refreshReports({
        sql: client,
        store,
        clock: at(1),
        beforeManifest: () => Promise.reject(new Error('x')),
      }),
    ).rejects.toThrow();
    const g2 = await refreshReports({ sql: client, store, clock: at(48) });
    await bump(1);
    const g3 = await refreshReports({ sql: client, store, clock: at(72) });
    await bump(-2);
    if (g1.status !== 'published' || g2.status !== 'published' || g3.status !== 'published')
      throw new Error('not published');
    const keys = await listKeys(store, 'data/g/');
    const pub = await readPublication(store);
    // g1's UCb report (replaced in g2) and the failed run's objects are gone; g1's UCa report is
    // still referenced, so it stays.
    expect(keys.filter((k) => k.includes(g1.generation) && k.endsWith('/UCb.json'))).toEqual([]);
    expect(keys.some((k) => k.includes('T040000Z'))).toBe(false);
    expect(pub.channelKey('UCa')).toContain(g1.generation);
    expect(keys).toContain(pub.channelKey('UCa'));
    expect(g3.deleted).toBeGreaterThan(0);
    // Everything the current manifest names still exists.
    for (const key of [...Object.values(pub.manifest.reports), ...pub.manifest.channels.shards]) {
      expect(keys).toContain(key);
    }
  });
});
