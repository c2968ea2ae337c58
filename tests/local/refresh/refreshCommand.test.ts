import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../../db/migrate.ts';
import { manifest as manifestSchema } from '../../../db/reports/contract/index.ts';
import { openPgClient } from '../../../db/sql/pgClient.ts';
import { s3ObjectStore } from '../../../functions/refresh/objectStore/s3ObjectStore.ts';
import { commands } from '../../../local/cli/commands/index.ts';
import { runCli } from '../../../local/cli/runCli.ts';
import {
  attachEmbeddedPostgres,
  type EmbeddedPostgres,
} from '../../../local/postgres/attachEmbeddedPostgres.ts';
import { runLocalRefresh } from '../../../local/refresh/runLocalRefresh.ts';
import { LOCAL_REPORT_BUCKET, startLocalS3 } from '../../../local/s3/startLocalS3.ts';
import { insertReportFixture } from '../../db/reports/reportFixture.ts';
import { readPublication } from '../../functions/refresh/support/readPublication.ts';
import { openScratchDatabase } from '../../support/backends.ts';
import { removeDataDir, tempDataDir } from '../../support/tempDir.ts';

function capture() {
  const stream = new PassThrough() as PassThrough & { isTTY?: boolean };
  let text = '';
  stream.on('data', (c) => {
    text += c;
  });
  return { stream, text: () => text };
}

describe('tubelens refresh', () => {
  let work: string;
  let server: EmbeddedPostgres | undefined;
  beforeAll(async () => {
    work = await tempDataDir('tubelens-cli-refresh-');
    // The data dir the command is pointed at, prepared (and its server held) by this test.
    server = await attachEmbeddedPostgres({ dataDir: path.join(work, 'db'), command: 'test' });
    const sql = openPgClient({ connectionString: server.url, max: 1 });
    await migrate(sql);
    await insertReportFixture(sql);
    await sql.close();
  }, 60_000);
  afterAll(async () => {
    await server?.release();
    await removeDataDir(work);
  });

  it('publishes a manifest and reports into --out through the handler, with progress', async () => {
    const out = capture();
    const err = capture();
    const code = await runCli(
      ['refresh', '--out', path.join(work, 'out'), '--data-dir', path.join(work, 'db')],
      commands,
      { env: {}, stdout: out.stream, stderr: err.stream },
    );
    expect(err.text()).toMatch(/of \d+ reports/);
    // The last line counts every report, whichever part (global or channels) finished last.
    expect(err.text().trim().split('\n').at(-1)).toMatch(/^([\d,]+) of \1 reports, .*catalog and manifest$/);
    expect(code).toBe(0);
    expect(out.text()).toMatch(/published generation \d{8}T\d{6}Z-[0-9a-f]{6} \(data as of 2018-02-12\)/);
    const manifest = manifestSchema.parse(
      JSON.parse(await readFile(path.join(work, 'out/data/manifest.json'), 'utf8')),
    );
    const overview = JSON.parse(await readFile(path.join(work, 'out', manifest.reports.overview), 'utf8'));
    expect(overview.totals).toEqual({ channels: 3, videos: 6, views: 4390, likes: 162, comments: 17 });
  });

  it('fans a full refresh out with --fan-out: plan, batches and finish through the handler', async () => {
    const out = capture();
    const dir = path.join(work, 'fanned');
    const code = await runCli(
      ['refresh', '--full', '--fan-out', '--out', dir, '--data-dir', path.join(work, 'db')],
      commands,
      { env: {}, stdout: out.stream, stderr: capture().stream },
    );
    expect(code).toBe(0);
    const manifest = manifestSchema.parse(
      JSON.parse(await readFile(path.join(dir, 'data/manifest.json'), 'utf8')),
    );
    const plan = JSON.parse(
      await readFile(path.join(dir, `data/g/${manifest.generation}/fan-out/plan.json`), 'utf8'),
    );
    expect(plan).toMatchObject({
      generation: manifest.generation,
      kind: 'full',
      channelIds: expect.any(Array),
    });
    const overview = JSON.parse(await readFile(path.join(dir, manifest.reports.overview), 'utf8'));
    expect(overview.totals).toEqual({ channels: 3, videos: 6, views: 4390, likes: 162, comments: 17 });
    expect(out.text()).toMatch(/3 channels computed/);
  });

  it('takes --fan-out only with --full', async () => {
    const err = capture();
    const code = await runCli(['refresh', '--fan-out', '--out', 'a'], commands, {
      env: {},
      stdout: capture().stream,
      stderr: err.stream,
    });
    expect(code).toBe(2);
    expect(err.text()).toMatch(/--fan-out and --no-fan-out go with --full/);
  });

  it('rejects --out together with --s3-dir', async () => {
    const err = capture();
    const code = await runCli(['refresh', '--out', 'a', '--s3-dir', 'b'], commands, {
      env: {},
      stdout: capture().stream,
      stderr: err.stream,
    });
    expect(code).toBe(2);
    expect(err.text()).toMatch(/--out and --s3-dir are alternatives/);
  });
});

describe('runLocalRefresh', () => {
  it('publishes into a local S3 bucket through the real SDK', async () => {
    const s3 = await startLocalS3();
    const sql = await openScratchDatabase();
    try {
      await migrate(sql);
      await insertReportFixture(sql);
      const result = await runLocalRefresh({
        sql,
        s3: { endpoint: s3.endpoint, bucket: LOCAL_REPORT_BUCKET },
      });
      expect(result).toMatchObject({ status: 'published', channelsComputed: 3 });
      const pub = await readPublication(
        s3ObjectStore({ bucket: LOCAL_REPORT_BUCKET, endpoint: s3.endpoint }),
      );
      expect((await pub.channel('UCb'))?.channel.views).toBe(1040);
    } finally {
      await sql.close();
      await s3.close();
    }
  });

  it('needs exactly one destination', async () => {
    await expect(runLocalRefresh({ sql: {} as never })).rejects.toThrow(/exactly one of out or s3/);
  });
});
