import { ExecuteStatementCommand, RDSDataClient } from '@aws-sdk/client-rds-data';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDataDir, tempDataDir } from '../../support/tempDir.ts';
import { startTubelens, urlOf } from './support/tubelensProcess.ts';

describe('tubelens start', () => {
  let dir: string;
  let started: ReturnType<typeof startTubelens>;
  let stdout: string;

  beforeAll(async () => {
    dir = await tempDataDir('tubelens-start-');
    started = startTubelens(dir);
    stdout = await started.running;
  }, 300_000);

  afterAll(async () => {
    if (started.child.exitCode === null) started.child.kill('SIGKILL');
    await removeDataDir(dir);
  });

  it('loads the demo set, refreshes the reports and prints every URL', () => {
    expect(stdout).toMatch(/videos\s+791\n/);
    expect(stdout).toMatch(/refreshed the reports: generation \S+, data as of 2017-11-28/);
    for (const part of [
      'local Data API endpoint',
      'local S3 \\(published reports\\)',
      'report site',
      'explorer',
    ]) {
      expect(urlOf(stdout, part)).toMatch(/^http:\/\/127\.0\.0\.1:\d+/);
    }
  });

  it('serves the report site with the manifest and overview the refresh published', async () => {
    const site = urlOf(stdout, 'report site');
    const page = await fetch(new URL('index.html', site));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>');
    const manifest = (await (await fetch(new URL('data/manifest.json', site))).json()) as {
      dataAsOf: string;
      reports: Record<string, string>;
    };
    expect(manifest.dataAsOf).toBe('2017-11-28');
    const overview = (await (await fetch(new URL(manifest.reports.overview!, site))).json()) as {
      totals: { channels: number; videos: number };
    };
    expect(overview.totals).toMatchObject({ channels: 553, videos: 791 });
  });

  it('runs the explorer and the Data API endpoint on the same database', async () => {
    const health = await fetch(new URL('/readyz', urlOf(stdout, 'explorer')));
    expect(health.status).toBe(200);
    const dataApi = new RDSDataClient({
      endpoint: urlOf(stdout, 'local Data API endpoint'),
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    const cluster = /DB_CLUSTER_ARN=(\S+)/.exec(stdout)![1]!;
    const secret = /DB_SECRET_ARN=(\S+)/.exec(stdout)![1]!;
    const result = await dataApi.send(
      new ExecuteStatementCommand({
        resourceArn: cluster,
        secretArn: secret,
        sql: 'SELECT count(*) AS n FROM videos',
      }),
    );
    expect(result.records?.[0]?.[0]?.longValue).toBe(791);
    dataApi.destroy();
  });

  it('closes every part and exits 0 on Ctrl-C', async () => {
    started.child.kill('SIGINT');
    expect(await started.exited).toBe(0);
  }, 60_000);
});
