// Refresh at scale: a full refresh through the Data API (real RDSDataClient → local endpoint → pg)
// against the same refresh straight over pg, an incremental refresh after one channel changes,
// and the refresh handler's bundle size and cold module-load time.
//
//   npm run bench refresh                             demo set + 1,000 channels / 100,000 videos / 90 days
//   TUBELENS_BENCH_REFRESH_BIG=1 npm run bench refresh   adds 10,000 / 1,000,000 / 30 days
//   TUBELENS_BENCH_REFRESH_ONLY=bundle|big npm run bench refresh   the bundle only, or only 10k/1M/30d
//
// Each refresh runs in its own Node process (this file with --child), so its wall time and peak
// RSS are what a Lambda would see; the Data API endpoint and the database run in this process.
// Data: generated with set-based SQL into a fresh database on the PostgreSQL server
// (TUBELENS_BENCH_DATABASE_URL, else the test server), dropped afterwards.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RDSDataClient } from '@aws-sdk/client-rds-data';
import { build } from 'esbuild';
import { openDataApiClient } from '../db/dataApi/openDataApiClient.ts';
import { loadTrendingFile, openTrendingFile, readCategoryFile } from '../db/load/index.ts';
import { migrate } from '../db/migrate.ts';
import { openPgClient } from '../db/sql/pgClient.ts';
import type { SqlClient } from '../db/sql/SqlClient.ts';
import { directoryObjectStore } from '../functions/refresh/objectStore/directoryObjectStore.ts';
import { refreshReports } from '../functions/refresh/refreshReports.ts';
import { startDataApiServer } from '../local/dataApi/startDataApiServer.ts';
import { peakRssMb, writeResult } from './support/results.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const adminUrl =
  process.env.TUBELENS_BENCH_DATABASE_URL ??
  process.env.TUBELENS_TEST_DATABASE_URL ??
  'postgres://postgres@127.0.0.1:5432/test';

interface ChildConfig {
  readonly mode: 'dataApi' | 'pg';
  readonly url?: string;
  readonly dataApi?: { endpoint: string; resourceArn: string; secretArn: string; database: string };
  readonly out: string;
  readonly kind: 'full' | 'incremental';
}

interface ChildResult {
  wallMs: number;
  peakRssMb: number;
  calls: number;
  bytes: number;
  written: number;
  unchanged: number;
  channelsComputed: number;
}

/** One refresh, measured from inside the process that runs it. */
async function child(config: ChildConfig): Promise<void> {
  let calls = 0;
  let bytes = 0;
  let sql: SqlClient;
  if (config.mode === 'pg') {
    sql = openPgClient({ connectionString: config.url!, max: 1 });
  } else {
    const rds = new RDSDataClient({
      endpoint: config.dataApi!.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    rds.middlewareStack.add(
      (next) => async (args) => {
        const out = await next(args);
        calls += 1;
        const headers = (out.response as { headers?: Record<string, string> }).headers ?? {};
        bytes += Number(headers['content-length'] ?? 0);
        return out;
      },
      { step: 'deserialize', name: 'countResponseBytes' },
    );
    sql = openDataApiClient({ ...config.dataApi!, rds });
  }
  const started = performance.now();
  const result = await refreshReports({ sql, store: directoryObjectStore(config.out), kind: config.kind });
  const wallMs = performance.now() - started;
  await sql.close();
  if (result.status !== 'published') throw new Error(`refresh did not publish: ${result.reason}`);
  const line: ChildResult = {
    wallMs,
    peakRssMb: peakRssMb(),
    calls,
    bytes,
    written: result.written,
    unchanged: result.unchanged,
    channelsComputed: result.channelsComputed,
  };
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

function runChild(config: ChildConfig): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [fileURLToPath(import.meta.url), '--child'], {
      env: { ...process.env, TZ: 'UTC', BENCH_CHILD: JSON.stringify(config) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    p.stdout.on('data', (c) => {
      out += c;
    });
    p.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`refresh child exited with ${code}`));
      resolve(JSON.parse(out.trim().split('\n').at(-1)!));
    });
  });
}

/** Synthetic data with set-based SQL: every video has a snapshot on each of the last `days` days. */
async function generate(db: SqlClient, channels: number, videos: number, days: number) {
  await db.query(
    `INSERT INTO categories (category_id, title) SELECT i, 'Category ' || i FROM generate_series(1, 15) i`,
  );
  await db.query(
    `INSERT INTO channels (channel_id, title, handle, subscriber_count)
     SELECT 'UC' || lpad(i::text, 22, '0'), 'Channel ' || i, '@channel' || i, (abs(hashint4(i)) % 1000000)::bigint
     FROM generate_series(1, $1::int) i`,
    [channels],
  );
  // One video in 97 is a breakout (50x views). Published before the snapshot window.
  await db.query(
    `INSERT INTO videos (video_id, channel_id, title, published_at, duration_seconds, category_id,
                         views, likes, comments, stats_day)
     SELECT 'v' || lpad(i::text, 10, '0'),
            'UC' || lpad((1 + i % $2::int)::text, 22, '0'),
            'Video number ' || i || ' about something interesting',
            timestamptz '2025-12-31' - make_interval(days => $3::int + abs(hashint4(i)) % 700)
              + make_interval(secs => abs(hashint4(i * 7)) % 86400),
            30 + abs(hashint4(i * 5)) % 3600, 1 + i % 15,
            w.views, w.views / 30, w.views / 300, date '2025-12-31'
     FROM generate_series(1, $1::int) i,
          LATERAL (SELECT (100 + abs(hashint4(i * 3)) % 100000)::bigint * CASE WHEN i % 97 = 0 THEN 50 ELSE 1 END AS views) w`,
    [videos, channels, days],
  );
  await db.query('ALTER TABLE video_daily_stats SET UNLOGGED');
  await db.query(
    `INSERT INTO video_daily_stats (video_id, day, views, likes, comments)
     SELECT v.video_id, date '2025-12-31' - d, v.views * ($1::int - d) / $1::int,
            v.likes * ($1::int - d) / $1::int, v.comments * ($1::int - d) / $1::int
     FROM videos v, generate_series(0, $1::int - 1) d`,
    [days],
  );
  await db.query('ANALYZE');
}

async function loadDemo(db: SqlClient) {
  const demo = path.join(root, 'data/demo');
  const categories = await readCategoryFile(path.join(demo, 'US_category_id_2017.json'));
  const file = path.join(demo, 'US_trending_2017-11.csv.gz');
  await loadTrendingFile(db, await openTrendingFile(file), { file, categories, skipBadRows: false });
  await db.query('ANALYZE');
}

async function scale(name: string, fill: (db: SqlClient) => Promise<void>, warm = true) {
  const dbName = `tubelens_bench_refresh_${randomBytes(3).toString('hex')}`;
  const admin = openPgClient({ connectionString: adminUrl, max: 1 });
  await admin.query(`CREATE DATABASE ${dbName}`);
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  const db = openPgClient({ connectionString: url.toString(), max: 8 });
  const work = await mkdtemp(path.join(os.tmpdir(), 'tubelens-bench-refresh-'));
  try {
    await migrate(db);
    const genStarted = performance.now();
    await fill(db);
    const generateS = (performance.now() - genStarted) / 1000;
    const counts = (
      await db.query<{ c: number; v: number; s: number }>(
        `SELECT (SELECT count(*)::int FROM channels) c, (SELECT count(*)::int FROM videos) v,
                (SELECT count(*)::int FROM video_daily_stats) s`,
      )
    ).rows[0]!;
    console.log(
      `${name}: ${counts.c} channels, ${counts.v} videos, ${counts.s} snapshots (${generateS.toFixed(0)} s to generate)`,
    );
    const server = await startDataApiServer({ sql: db, maxConnections: 8 });
    const dataApi = {
      endpoint: server.url,
      resourceArn: server.resourceArn,
      secretArn: server.secretArn,
      database: server.database,
    };
    try {
      const pgRun = (out: string) =>
        runChild({ mode: 'pg', url: url.toString(), out: path.join(work, out), kind: 'full' });
      // A first pass warms PostgreSQL's caches so neither measured run pays for cold reads (skipped
      // at 1 M videos, where the generator has just written every page and a pass costs minutes).
      if (warm) await pgRun('warm');
      const full = await runChild({ mode: 'dataApi', dataApi, out: path.join(work, 'api'), kind: 'full' });
      const pg = await pgRun('pg');
      const maxResponseBytes = server.stats.maxResponseBytes;
      await db.query(
        `UPDATE videos SET views = views + 1 WHERE channel_id = (SELECT min(channel_id) FROM channels)`,
      );
      const incremental = await runChild({
        mode: 'dataApi',
        dataApi,
        out: path.join(work, 'api'),
        kind: 'incremental',
      });
      const row = (label: string, r: ChildResult) => ({
        scale: name,
        run: label,
        wallS: +(r.wallMs / 1000).toFixed(2),
        peakRssMb: r.peakRssMb,
        dataApiCalls: r.calls,
        dataApiMB: +(r.bytes / 2 ** 20).toFixed(1),
        written: r.written,
        unchanged: r.unchanged,
        channelsComputed: r.channelsComputed,
      });
      return {
        rows: [
          row('pg direct (baseline)', pg),
          row('Data API full', full),
          row('Data API incremental', incremental),
        ],
        summary: {
          scale: name,
          channels: counts.c,
          videos: counts.v,
          snapshots: counts.s,
          dataApiOverPg: +(full.wallMs / pg.wallMs).toFixed(2),
          incrementalOverFull: +(incremental.wallMs / full.wallMs).toFixed(3),
          maxResponseKiB: Math.round(maxResponseBytes / 1024),
        },
      };
    } finally {
      await server.close();
    }
  } finally {
    await db.close();
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.close();
    await rm(work, { recursive: true, force: true });
  }
}

/** The handler as serverless-esbuild would ship it: one minified ESM file, zipped. */
async function bundle() {
  // Inside the repository, so the variant that leaves @aws-sdk out resolves it from node_modules
  // (as the Lambda runtime provides it).
  await mkdir(path.join(root, '.tubelens'), { recursive: true });
  const dir = await mkdtemp(path.join(root, '.tubelens', 'bench-bundle-'));
  try {
    const rows = [];
    for (const [label, external] of [
      ['AWS SDK bundled', []],
      ['AWS SDK from the runtime', ['@aws-sdk/*']],
    ] as const) {
      const outfile = path.join(dir, `${external.length ? 'ext' : 'all'}/handler.mjs`);
      await build({
        entryPoints: [path.join(root, 'functions/refresh/handler.ts')],
        bundle: true,
        platform: 'node',
        target: 'node24',
        format: 'esm',
        minify: true,
        outfile,
        external: [...external],
        banner: {
          js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
        },
        logLevel: 'error',
      });
      const zip = `${outfile}.zip`;
      spawnSync('zip', ['-q', '-j', '-9', zip, outfile]);
      const env = {
        ...process.env,
        DB_CLUSTER_ARN: 'arn:aws:rds:us-east-1:123456789012:cluster:tubelens',
        DB_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf',
        REPORT_BUCKET: 'tubelens-reports',
        AWS_REGION: 'us-east-1',
        NODE_PATH: path.join(root, 'node_modules'),
      };
      const loads: number[] = [];
      for (let i = 0; i < 7; i += 1) {
        const r = spawnSync(
          process.execPath,
          [
            '--input-type=module',
            '-e',
            `const t = performance.now(); await import(${JSON.stringify(outfile)}); console.log(performance.now() - t);`,
          ],
          { env, encoding: 'utf8', cwd: root },
        );
        if (r.status !== 0) throw new Error(r.stderr);
        loads.push(Number(r.stdout.trim()));
      }
      loads.sort((a, b) => a - b);
      rows.push({
        bundle: label,
        sizeKiB: Math.round((await stat(outfile)).size / 1024),
        zippedKiB: Math.round((await stat(zip)).size / 1024),
        coldLoadMsMedian: +loads[3]!.toFixed(1),
      });
    }
    return rows;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function main() {
  const rows: Record<string, unknown>[] = [];
  const summaries: Record<string, unknown>[] = [];
  const scales: [string, (db: SqlClient) => Promise<void>, boolean?][] = [
    ['demo (2017-11 trending)', loadDemo],
    ['1k/100k/90d', (db) => generate(db, 1_000, 100_000, 90)],
  ];
  if (process.env.TUBELENS_BENCH_REFRESH_BIG === '1') {
    scales.push(['10k/1M/30d', (db) => generate(db, 10_000, 1_000_000, 30), false]);
  }
  // TUBELENS_BENCH_REFRESH_ONLY=bundle measures the bundle alone (a few seconds); =big runs only
  // the 10k/1M/30d scale (about 25 minutes on 2 cores) and writes refresh-big.json.
  const only = process.env.TUBELENS_BENCH_REFRESH_ONLY;
  if (only === 'bundle') scales.length = 0;
  if (only === 'big')
    scales.splice(0, scales.length, ['10k/1M/30d', (db) => generate(db, 10_000, 1_000_000, 30), false]);
  for (const [name, fill, warm] of scales) {
    const r = await scale(name, fill, warm);
    rows.push(...r.rows);
    summaries.push(r.summary);
    console.table(r.rows);
    console.table([r.summary]);
  }
  const bundles = await bundle();
  console.table(summaries);
  console.table(bundles);
  writeResult(only === 'big' ? 'refresh-big' : 'refresh', rows, { summaries, bundles });
}

if (process.argv[2] === '--child') {
  await child(JSON.parse(process.env.BENCH_CHILD!));
} else {
  await main();
}
