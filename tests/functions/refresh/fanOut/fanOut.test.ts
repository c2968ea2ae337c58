import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { createRefreshHandler } from '../../../../functions/refresh/createRefreshHandler.ts';
import { RefreshLockedError } from '../../../../functions/refresh/errors.ts';
import type { RefreshStepResult } from '../../../../functions/refresh/fanOut/runRefreshStep.ts';
import { HANDOVER_LEASE_SECONDS } from '../../../../functions/refresh/leasedRun.ts';
import {
  directoryObjectStore,
  type ObjectStore,
  s3ObjectStore,
} from '../../../../functions/refresh/objectStore/index.ts';
import type { RefreshStepEvent } from '../../../../functions/refresh/refreshEvent.ts';
import { refreshDefaults } from '../../../../functions/refresh/refreshOptions.ts';
import { dataApiEnv } from '../../../../local/dataApi/dataApiEnv.ts';
import { type DataApiServer, startDataApiServer } from '../../../../local/dataApi/startDataApiServer.ts';
import { driveFanOut } from '../../../../local/refresh/driveFanOut.ts';
import { localLambdaContext } from '../../../../local/refresh/localLambdaContext.ts';
import { redirectMetricsOutput } from '../../../../local/refresh/redirectMetricsOutput.ts';
import { startLocalS3 } from '../../../../local/s3/startLocalS3.ts';
import { insertManyChannels, insertReportFixture } from '../../../db/reports/reportFixture.ts';
import { describeEachBackend } from '../../../support/backends.ts';
import { readPublication } from '../support/readPublication.ts';
import { withStoreFaults } from '../support/storeFaults.ts';

// 15 channels in batches of at most 4: four batches, so a run has batches before and after a fault.
const BATCH = 4;

describeEachBackend('refresh fanned out across steps', (db) => {
  let server: DataApiServer;
  let dir: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    await insertReportFixture(db().client);
    await insertManyChannels(db().client);
    server = await startDataApiServer({ sql: db().client });
    env = { ...dataApiEnv(server), REPORT_BUCKET: 'local-directory' };
  });
  afterAll(async () => {
    await server?.close();
  });
  beforeEach(async () => {
    await db().client.query('DELETE FROM job_locks');
    dir = await mkdtemp(path.join(os.tmpdir(), 'tubelens-fanout-'));
    return () => rm(dir, { recursive: true, force: true });
  });

  /** The real handler (middy chain, Data API adapter) on a directory store; `invoke` sends one event. */
  const handlerOn = (store: ObjectStore, extraEnv: Record<string, string> = {}) => {
    const handler = createRefreshHandler(
      { ...env, ...extraEnv },
      {
        store,
        logger: new Logger({ logLevel: 'SILENT' }),
        metrics: redirectMetricsOutput(new Metrics({ namespace: 'tubelens' }), () => {}),
        maxChannelsPerBatch: BATCH,
      },
    );
    return (event: RefreshStepEvent | { kind: 'full' }): Promise<RefreshStepResult> =>
      handler(event, localLambdaContext('tubelens-refresh'));
  };
  const fanOut = (store: ObjectStore) =>
    driveFanOut({ invoke: handlerOn(store), kind: 'full', fanOut: 'always' });
  const plan = async (invoke: ReturnType<typeof handlerOn>) => {
    const planned = await invoke({ step: 'plan', kind: 'full', fanOut: 'always' });
    if (planned.status !== 'planned') throw new Error(`expected a plan, got ${planned.status}`);
    return planned;
  };
  const manifestText = () => readFile(path.join(dir, 'data/manifest.json'), 'utf8');
  const runRow = async (generation: string) =>
    (await db().client.query('SELECT status FROM refresh_runs WHERE generation = $1', [generation])).rows;
  const leases = async () => (await db().client.query('SELECT holder FROM job_locks')).rows;

  it('publishes the same reports fanned out as in one invocation', async () => {
    const single = directoryObjectStore(path.join(dir, 'single'));
    const fanned = directoryObjectStore(path.join(dir, 'fanned'));
    await handlerOn(single)({ kind: 'full' });
    const result = await fanOut(fanned);
    expect(result).toMatchObject({ status: 'published', kind: 'full', channelsComputed: 15 });
    const [a, b] = [await readPublication(single), await readPublication(fanned)];
    expect(b.reports).toEqual(a.reports);
    expect(b.manifest.channels.count).toBe(15);
    const ids = (a.reports.channelIndex as { channels: { channelId: string }[] }).channels.map(
      (c) => c.channelId,
    );
    for (const id of ids) expect(await b.channel(id)).toEqual(await a.channel(id));
    expect(b.channelKey('UCa')).toBe(`data/g/${b.manifest.generation}/channels/UCa.json`);
    expect(await runRow(b.manifest.generation)).toEqual([{ status: 'succeeded' }]);
    expect(await leases()).toEqual([]);
  });

  it('fans out into S3 (the local S3) through the handler as the CLI runs it', async () => {
    const s3 = await startLocalS3({ buckets: ['tubelens-fanout'] });
    try {
      const store = s3ObjectStore({ bucket: 'tubelens-fanout', endpoint: s3.endpoint });
      const result = await fanOut(store);
      expect(result).toMatchObject({ status: 'published', channelsComputed: 15 });
      const pub = await readPublication(store);
      expect(pub.manifest.generation).toBe(result.status === 'published' ? result.generation : '');
      expect((await pub.channel('UCa'))?.channel).toMatchObject({ channelId: 'UCa', views: 3350 });
      const keys: string[] = [];
      for await (const o of store.list(`data/g/${pub.manifest.generation}/fan-out/`)) keys.push(o.key);
      expect(keys.map((k) => k.split('/').at(-1))).toEqual([
        'batch-00000.json',
        'batch-00001.json',
        'batch-00002.json',
        'batch-00003.json',
        'plan.json',
      ]);
    } finally {
      await s3.close();
    }
  });

  it('publishes nothing when one batch fails, and the previous manifest stays', async () => {
    const store = directoryObjectStore(dir);
    await handlerOn(store)({ kind: 'full' });
    const before = await manifestText();
    const faulty = withStoreFaults(store);
    const failing: ObjectStore = {
      ...faulty.store,
      put: (key, body, meta) =>
        key.endsWith('fan-out/batch-00002.json')
          ? Promise.reject(new Error('We encountered an internal error. Please try again.'))
          : faulty.store.put(key, body, meta),
    };
    await expect(fanOut(failing)).rejects.toThrow(/internal error/);
    expect(await manifestText()).toBe(before);
    expect(faulty.puts.some((k) => k.endsWith('manifest.json') || k.endsWith('catalog.json'))).toBe(false);
    const generation = faulty.puts[0]!.split('/')[2]!;
    expect(await runRow(generation)).toEqual([{ status: 'failed' }]);
    expect(await leases()).toEqual([]);
  });

  it('refuses to finish a partial run: a batch without a result publishes nothing', async () => {
    const store = directoryObjectStore(dir);
    await handlerOn(store)({ kind: 'full' });
    const before = await manifestText();
    const invoke = handlerOn(store);
    const planned = await plan(invoke);
    expect(planned.batches).toEqual([0, 1, 2, 3]);
    for (const batch of [0, 1, 3])
      await invoke({ step: 'batch', generation: planned.generation, batches: [batch] });
    await expect(invoke({ step: 'finish', generation: planned.generation })).rejects.toThrow(
      /batch 2 has no result/,
    );
    expect(await manifestText()).toBe(before);
    await invoke({
      step: 'abort',
      generation: planned.generation,
      runId: planned.runId,
      error: { Error: 'x' },
    });
    expect(await runRow(planned.generation)).toEqual([{ status: 'failed' }]);
  });

  it('rewrites the same keys with the same bytes when a batch is retried', async () => {
    const faulty = withStoreFaults(directoryObjectStore(dir));
    const invoke = handlerOn(faulty.store);
    const planned = await plan(invoke);
    const written = async (from: number) => {
      const keys = faulty.puts.slice(from);
      const bodies = await Promise.all(keys.map(async (k) => (await faulty.store.get(k))!.body));
      return new Map(keys.map((k, i) => [k, Buffer.from(bodies[i]!)]));
    };
    const step: RefreshStepEvent = { step: 'batch', generation: planned.generation, batches: [1] };
    let mark = faulty.puts.length;
    await invoke(step);
    const first = await written(mark);
    mark = faulty.puts.length;
    await invoke(step);
    const again = await written(mark);
    // Its four channel reports and its result record, under the same keys with the same bytes.
    expect(first.size).toBe(BATCH + 1);
    expect([...again.keys()]).toEqual([...first.keys()]);
    for (const [key, body] of again) expect(body.equals(first.get(key)!)).toBe(true);
    for (const batch of [0, 2, 3])
      await invoke({ step: 'batch', generation: planned.generation, batches: [batch] });
    await expect(invoke({ step: 'finish', generation: planned.generation })).resolves.toMatchObject({
      status: 'published',
      channelsComputed: 15,
    });
  });

  it('holds the lease from the plan to the manifest, and a run that lost it publishes nothing', async () => {
    const store = directoryObjectStore(dir);
    await handlerOn(store)({ kind: 'full' });
    const before = await manifestText();
    const invoke = handlerOn(store);
    const planned = await plan(invoke);
    await invoke({ step: 'batch', generation: planned.generation, batches: [0] });
    expect(await invoke({ kind: 'full' })).toMatchObject({ status: 'skipped' });
    await db().client.query(`UPDATE job_locks SET holder = 'another run'`);
    await expect(invoke({ step: 'batch', generation: planned.generation, batches: [1] })).rejects.toThrow(
      RefreshLockedError,
    );
    await expect(invoke({ step: 'finish', generation: planned.generation })).rejects.toThrow(
      RefreshLockedError,
    );
    expect(await manifestText()).toBe(before);
  });

  it('hands the lease from step to step for longer than the short lease a step keeps', async () => {
    const store = directoryObjectStore(dir);
    const invoke = handlerOn(store);
    const expiresIn = async () =>
      Number(
        (
          await db().client.query<{ s: number }>(
            `SELECT extract(epoch FROM expires_at - now())::float8 AS s FROM job_locks WHERE name = 'refresh'`,
          )
        ).rows[0]!.s,
      );
    // Step Functions may leave minutes between two steps (Finish's throttling backoff).
    const planned = await plan(invoke);
    expect(await expiresIn()).toBeGreaterThan(refreshDefaults.leaseSeconds);
    expect(await expiresIn()).toBeLessThanOrEqual(HANDOVER_LEASE_SECONDS);
    await db().client.query(`UPDATE job_locks SET expires_at = now() + interval '30 seconds'`);
    await invoke({ step: 'batch', generation: planned.generation, batches: [0] });
    expect(await expiresIn()).toBeGreaterThan(refreshDefaults.leaseSeconds);
    for (const batch of planned.batches.slice(1)) {
      await invoke({ step: 'batch', generation: planned.generation, batches: [batch] });
    }
    expect(await invoke({ step: 'finish', generation: planned.generation })).toMatchObject({
      status: 'published',
    });
    expect(await leases()).toEqual([]);
  });

  it('carries unchanged channels over in an incremental run that fans out', async () => {
    const { client } = db();
    const store = directoryObjectStore(dir);
    await handlerOn(store)({ kind: 'full' });
    const before = await readPublication(store);
    await client.query(`UPDATE videos SET views = views + 5 WHERE video_id = 'b2'`);
    try {
      const result = await driveFanOut({ invoke: handlerOn(store), kind: 'incremental', fanOut: 'always' });
      expect(result).toMatchObject({ status: 'published', kind: 'incremental', channelsComputed: 1 });
      const after = await readPublication(store);
      expect((await after.channel('UCb'))?.channel.views).toBe(1045);
      expect(after.channelKey('UCb')).not.toBe(before.channelKey('UCb'));
      expect(after.channelKey('UCa')).toBe(before.channelKey('UCa'));
      expect(after.manifest.channels.count).toBe(15);
    } finally {
      await client.query(`UPDATE videos SET views = views - 5 WHERE video_id = 'b2'`);
    }
  });

  it('fans out on its own above REFRESH_FAN_OUT_ABOVE_ROWS and runs in one invocation below', async () => {
    const store = directoryObjectStore(dir);
    const below = await handlerOn(store)({ step: 'plan', kind: 'full' });
    expect(below).toMatchObject({ status: 'published', channelsComputed: 15 });
    const invoke = handlerOn(store, { REFRESH_FAN_OUT_ABOVE_ROWS: '10' });
    const above = await invoke({ step: 'plan', kind: 'full' });
    expect(above).toMatchObject({ status: 'planned', batches: [0, 1, 2, 3] });
    if (above.status === 'planned') {
      await invoke({ step: 'abort', generation: above.generation, runId: above.runId });
    }
    expect(await leases()).toEqual([]);
  });
});
