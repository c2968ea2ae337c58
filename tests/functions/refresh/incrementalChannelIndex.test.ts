import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { generateDataset } from '../../../db/generate/generateDataset.ts';
import { manifestKey } from '../../../db/reports/contract/index.ts';
import { directoryObjectStore, type ObjectStore } from '../../../functions/refresh/objectStore/index.ts';
import { MAX_CHANGED_SHARE } from '../../../functions/refresh/publish/readChannelIndex.ts';
import { readJsonObject } from '../../../functions/refresh/publish/readPublishedState.ts';
import { refreshCatalog } from '../../../functions/refresh/publish/refreshCatalog.ts';
import { refreshReports } from '../../../functions/refresh/refreshReports.ts';
import type { RefreshKind } from '../../../functions/refresh/refreshRuns.ts';
import { insertManyChannels, insertReportFixture } from '../../db/reports/reportFixture.ts';
import { describeEachBackend } from '../../support/backends.ts';
import { readPublication } from './support/readPublication.ts';

const T0 = new Date('2026-11-20T03:00:00Z');

/** Every published object's content hash (and fingerprint) by catalog id. */
async function catalogOf(store: ObjectStore) {
  const manifest = (await readJsonObject(store, manifestKey('data/'))) as { catalog: string };
  const { entries } = refreshCatalog.parse(await readJsonObject(store, manifest.catalog));
  return new Map(
    Object.entries(entries).map(([id, e]) => [id, { hash: e.hash, fingerprint: e.fingerprint }]),
  );
}

// An incremental run reads the index entries of the channels written since the previous run
// (migration 12's channel_changes) and carries the rest from the published channelIndex.json: what
// it publishes must be the bytes a full run publishes on the same data.
describeEachBackend('incremental channel index', (db) => {
  let work: string;
  let store: ObjectStore;
  let hour = 0;
  const reads: { read: number; carried: number }[] = [];

  const refresh = async (kind: RefreshKind, target = store) => {
    await db().client.query('DELETE FROM job_locks');
    hour += 1;
    const result = await refreshReports({
      sql: db().client,
      store: target,
      kind,
      clock: () => new Date(T0.getTime() + hour * 3_600_000),
      log: {
        info: (message, extra) => {
          if (message === 'channel index read') reads.push(extra as { read: number; carried: number });
        },
        warn: () => {},
      },
    });
    expect(result.status).toBe('published');
    return reads.at(-1)!;
  };

  /** The incremental run's publication against a full run's into a fresh store: same hashes. */
  const expectSameAsFull = async () => {
    const fresh = directoryObjectStore(await mkdtemp(path.join(work, 'full-')));
    const fullRead = await refresh('full', fresh);
    const [incremental, full] = [await catalogOf(store), await catalogOf(fresh)];
    expect(full.get('report:channelIndex')).toEqual(incremental.get('report:channelIndex'));
    expect([...incremental.keys()].sort()).toEqual([...full.keys()].sort());
    // A shard maps ids to keys, which name each store's own generations: its ids, in order, match.
    for (const [id, entry] of full)
      if (!id.startsWith('shard:')) expect(incremental.get(id), id).toEqual(entry);
    const ids = async (s: ObjectStore) =>
      (await readPublication(s)).shards.map((shard) => Object.keys(shard.channels));
    expect(await ids(store)).toEqual(await ids(fresh));
    return fullRead.read;
  };

  beforeAll(async () => {
    work = await mkdtemp(path.join(os.tmpdir(), 'tubelens-incremental-'));
    await insertReportFixture(db().client);
    await insertManyChannels(db().client);
    await generateDataset(db().client, { channels: 40, videos: 600, days: 20, seed: 5 });
  });
  beforeEach(async () => {
    store = directoryObjectStore(await mkdtemp(path.join(work, 'store-')));
    await refresh('full');
  });
  afterAll(async () => {
    await rm(work, { recursive: true, force: true });
  });

  it('reads only the changed channels and publishes what a full run publishes', async () => {
    const c = db().client;
    await c.query(`UPDATE videos SET views = views + 7 WHERE video_id = 'a1'`);
    await c.query(`UPDATE channels SET title = 'Beta, renamed' WHERE channel_id = 'UCb'`);
    await c.query(`INSERT INTO channels (channel_id, title) VALUES ('UCnew', 'New channel')`);
    await c.query(
      `INSERT INTO videos (video_id, channel_id, title, published_at, views, likes, comments, stats_day)
       VALUES ('new1', 'UCnew', 'New video', '2017-11-20T00:00:00Z', 5, 0, 0, '2017-11-20')`,
    );
    await c.query(`DELETE FROM channels WHERE channel_id = 'UCm03'`);
    // A video moved: the channel it left changed too.
    await c.query(`UPDATE videos SET channel_id = 'UCm07' WHERE video_id = 'm6'`);
    const read = await refresh('incremental');
    const total = await expectSameAsFull();
    expect(read).toEqual({ read: 5, carried: total - 5 });
    // Nothing changed since: nothing read.
    expect(await refresh('incremental')).toEqual({ read: 0, carried: total });
  });

  it('sees a writer that began before the previous run and committed after it', async () => {
    const late = await db().client.pool.connect();
    try {
      await late.query('BEGIN');
      await late.query(`UPDATE videos SET likes = likes + 1 WHERE video_id = 'm5'`);
      // The run's snapshot has the writer in progress: its change is not in this index.
      expect((await refresh('incremental')).read).toBe(0);
      await late.query('COMMIT');
    } finally {
      late.release();
    }
    expect((await refresh('incremental')).read).toBe(1);
    await expectSameAsFull();
  });

  it('reads the whole index after a TRUNCATE or when MAX_CHANGED_SHARE of the channels changed', async () => {
    const c = db().client;
    const total = (await c.query<{ n: number }>('SELECT count(*)::int AS n FROM channels')).rows[0]!.n;
    const changeHandles = (n: number) =>
      c.query(
        `UPDATE channels SET handle = '@' || $1::int || channel_id WHERE channel_id IN (
           SELECT channel_id FROM channels ORDER BY channel_id LIMIT $1)`,
        [n],
      );
    // One channel short of the share: carried; the share itself: the whole index.
    const atShare = Math.ceil(total * MAX_CHANGED_SHARE);
    await changeHandles(atShare - 1);
    expect(await refresh('incremental')).toEqual({ read: atShare - 1, carried: total - atShare + 1 });
    await changeHandles(atShare);
    expect(await refresh('incremental')).toEqual({ read: total, carried: 0 });
    await c.query('TRUNCATE channel_view_days');
    expect(await refresh('incremental')).toEqual({ read: total, carried: 0 });
    await c.query('SELECT rebuild_rollups()');
    await refresh('incremental');
    await expectSameAsFull();
  });
});
