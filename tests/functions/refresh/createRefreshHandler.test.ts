import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createRefreshHandler } from '../../../functions/refresh/createRefreshHandler.ts';
import { RefreshConfigError } from '../../../functions/refresh/errors.ts';
import { directoryObjectStore, s3ObjectStore } from '../../../functions/refresh/objectStore/index.ts';
import { dataApiEnv } from '../../../local/dataApi/dataApiEnv.ts';
import { type DataApiServer, startDataApiServer } from '../../../local/dataApi/startDataApiServer.ts';
import { localLambdaContext } from '../../../local/refresh/localLambdaContext.ts';
import { redirectMetricsOutput } from '../../../local/refresh/redirectMetricsOutput.ts';
import { type LocalS3, startLocalS3 } from '../../../local/s3/startLocalS3.ts';
import { insertManyChannels, insertReportFixture } from '../../db/reports/reportFixture.ts';
import { describeEachBackend } from '../../support/backends.ts';
import { readPublication } from './support/readPublication.ts';

const scheduled = { 'detail-type': 'Scheduled Event', source: 'aws.events', detail: {} };
const node = fileURLToPath(new URL('../../../node_modules/.bin/node', import.meta.url));
const killedRefresh = fileURLToPath(new URL('./support/killedRefresh.ts', import.meta.url));

describeEachBackend('refresh handler through the Data API', (db) => {
  let server: DataApiServer;
  let s3: LocalS3;
  let env: Record<string, string>;

  beforeAll(async () => {
    await insertReportFixture(db().client);
    await insertManyChannels(db().client);
    server = await startDataApiServer({ sql: db().client });
    s3 = await startLocalS3({ buckets: ['tubelens-test-reports'] });
    env = { ...dataApiEnv(server), REPORT_BUCKET: 'tubelens-test-reports', S3_ENDPOINT: s3.endpoint };
  });
  afterAll(async () => {
    await server?.close();
    await s3?.close();
  });
  beforeEach(async () => {
    await db().client.query('DELETE FROM job_locks');
  });

  const quietLogger = () => new Logger({ serviceName: 'tubelens-refresh', logLevel: 'SILENT' });

  it('publishes every report into S3 through the real middy chain, with EMF metrics', async () => {
    const emf: string[] = [];
    const metrics = redirectMetricsOutput(
      new Metrics({ namespace: 'tubelens', serviceName: 'refresh' }),
      (l) => emf.push(l),
    );
    const handler = createRefreshHandler(env, { logger: quietLogger(), metrics });
    const result = await handler(scheduled, localLambdaContext('tubelens-refresh'));
    expect(result).toMatchObject({ status: 'published', kind: 'incremental', dataAsOf: '2018-02-12' });
    const pub = await readPublication(
      s3ObjectStore({ bucket: 'tubelens-test-reports', endpoint: s3.endpoint }),
    );
    expect(pub.manifest.generation).toBe(result.status === 'published' ? result.generation : '');
    expect((pub.reports.overview as { totals: { views: number } }).totals.views).toBe(5170);
    expect((await pub.channel('UCa'))?.viewsOverTime.at(-1)).toEqual({ day: '2018-02-12', views: 3350 });
    const metricsLine = JSON.parse(emf.at(-1)!);
    expect(metricsLine).toMatchObject({ ObjectsWritten: expect.any(Number), ChannelsComputed: 15 });
    expect(metricsLine._aws.CloudWatchMetrics[0].Namespace).toBe('tubelens');
  });

  it('keeps going while the database resumes from auto-pause', async () => {
    server.faults.resumeNext(1);
    const handler = createRefreshHandler(env, { logger: quietLogger() });
    const result = await handler({ kind: 'full' }, localLambdaContext('tubelens-refresh'));
    expect(result).toMatchObject({ status: 'published', kind: 'full' });
    expect(server.faults.pending.resuming).toBe(0);
  });

  it('rejects an event that is not a schedule or a refresh request, before any work', async () => {
    const handler = createRefreshHandler(env, { logger: quietLogger() });
    await expect(handler({ kind: 'everything' }, localLambdaContext('tubelens-refresh'))).rejects.toThrow(
      /not a refresh event/,
    );
  });

  it('leaves the previous manifest when the function is killed between the reports and the manifest', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'tubelens-kill-'));
    try {
      const handler = createRefreshHandler(env, { logger: quietLogger(), store: directoryObjectStore(dir) });
      await handler(scheduled, localLambdaContext('tubelens-refresh'));
      const manifestBefore = await readFile(path.join(dir, 'data/manifest.json'), 'utf8');
      await db().client.query(`UPDATE videos SET views = views + 7 WHERE video_id = 'a2'`);

      const child = spawn(node, [killedRefresh], { env: { ...process.env, ...env, OUT_DIR: dir } });
      let stdout = '';
      child.stdout.on('data', (chunk) => {
        stdout += chunk;
      });
      const signal = await new Promise((resolve) => child.on('exit', (_code, sig) => resolve(sig)));
      expect(signal).toBe('SIGKILL');
      expect(stdout).toBe('reports written\n');
      expect(await readFile(path.join(dir, 'data/manifest.json'), 'utf8')).toBe(manifestBefore);
      expect((await (await readPublication(directoryObjectStore(dir))).channel('UCa'))?.channel.views).toBe(
        3350,
      );

      // The dead run's lease holds until it expires; then the next run publishes the change.
      const again = createRefreshHandler(env, { logger: quietLogger(), store: directoryObjectStore(dir) });
      expect(await again(scheduled, localLambdaContext('tubelens-refresh'))).toMatchObject({
        status: 'skipped',
      });
      await db().client.query(`UPDATE job_locks SET expires_at = now() - interval '1 second'`);
      expect(await again(scheduled, localLambdaContext('tubelens-refresh'))).toMatchObject({
        status: 'published',
      });
      expect((await (await readPublication(directoryObjectStore(dir))).channel('UCa'))?.channel.views).toBe(
        3357,
      );
    } finally {
      await db().client.query(`UPDATE videos SET views = views - 7 WHERE video_id = 'a2'`);
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('createRefreshHandler configuration', () => {
  it('fails at cold start naming every missing setting', () => {
    expect(() => createRefreshHandler({})).toThrow(RefreshConfigError);
    expect(() => createRefreshHandler({})).toThrow(
      /DB_CLUSTER_ARN is required; DB_SECRET_ARN is required; REPORT_BUCKET is required/,
    );
  });

  it('rejects a prefix without a trailing slash', () => {
    const env = {
      DB_CLUSTER_ARN: 'arn:aws:rds:us-east-1:123456789012:cluster:tubelens',
      DB_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf',
      REPORT_BUCKET: 'tubelens-reports',
      REPORT_PREFIX: 'data',
    };
    expect(() => createRefreshHandler(env)).toThrow(/REPORT_PREFIX must be empty or end with "\/"/);
  });
});

describe('functions/refresh/handler.ts', () => {
  it('builds the handler from process.env at module load', async () => {
    const saved = { ...process.env };
    Object.assign(process.env, {
      DB_CLUSTER_ARN: 'arn:aws:rds:us-east-1:123456789012:cluster:tubelens',
      DB_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf',
      REPORT_BUCKET: 'tubelens-reports',
      AWS_REGION: 'us-east-1',
    });
    try {
      const { handler } = await import('../../../functions/refresh/handler.ts');
      expect(typeof handler).toBe('function');
      expect(typeof handler.use).toBe('function');
    } finally {
      for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
      Object.assign(process.env, saved);
    }
  });
});
