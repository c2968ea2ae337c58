// Refresh at scale against its floor. At each scale, in the same run:
// - the floor: one set-based statement per report (and per channel-report part) over all
//   channels, on pg directly with a warm cache, values fetched but not published
//   (support/refreshFloor*.ts), checked against what the refresh published (refreshFloorCheck.ts);
// - the full refresh through the Data API (real RDSDataClient → local endpoint → pg) and the same
//   refresh straight over pg, each in its own Node process (support/refreshChild.ts);
// - the incremental refresh through the Data API after one channel changed;
// and once, the refresh handler's bundle size and cold module-load time.
//
//   npm run bench refresh                                  demo set + 1,000 channels / 100,000 videos / 90 days
//   TUBELENS_BENCH_REFRESH_BIG=1 npm run bench refresh     adds 10,000 / 1,000,000 / 30 days
//   TUBELENS_BENCH_REFRESH_ONLY=bundle|demo|big npm run bench refresh   the bundle, the demo set or 10k/1M/30d only
//
// At 10k/1M/30d only the floor and the full refresh through the Data API are measured (the pg run
// and the warm-up pass would add about 15 minutes on 2 cores). Data: a fresh database on the
// PostgreSQL server (TUBELENS_BENCH_DATABASE_URL, else the test server), dropped afterwards.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrate } from '../db/migrate.ts';
import { openPgClient } from '../db/sql/pgClient.ts';
import type { SqlClient } from '../db/sql/SqlClient.ts';
import { startDataApiServer } from '../local/dataApi/startDataApiServer.ts';
import { measureBundles } from './support/refreshBundle.ts';
import { type RefreshChildConfig, type RefreshChildResult, runRefreshChild } from './support/refreshChild.ts';
import { changeOneChannel, generate, loadDemo } from './support/refreshData.ts';
import { type FloorRun, runFloor } from './support/refreshFloor.ts';
import { checkFloor, sampleChannels } from './support/refreshFloorCheck.ts';
import { writeResult } from './support/results.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const adminUrl =
  process.env.TUBELENS_BENCH_DATABASE_URL ??
  process.env.TUBELENS_TEST_DATABASE_URL ??
  'postgres://postgres@127.0.0.1:5432/test';

interface Scale {
  readonly name: string;
  readonly fill: (db: SqlClient) => Promise<void>;
  /** The big scale skips the unmeasured warm-up run (the Data API run warms the cache). */
  readonly big?: boolean;
}

const seconds = (ms: number) => +(ms / 1000).toFixed(2);

function row(scale: string, run: string, r: RefreshChildResult) {
  return {
    scale,
    run,
    wallS: seconds(r.wallMs),
    peakRssMb: r.peakRssMb,
    dataApiCalls: r.calls,
    dataApiMB: +(r.bytes / 2 ** 20).toFixed(1),
    written: r.written,
    unchanged: r.unchanged,
    channelsComputed: r.channelsComputed,
  };
}

/** A fresh database with `scale`'s data, passed to `measure`, dropped afterwards. */
async function withDatabase<T>(
  scale: Scale,
  measure: (db: SqlClient, url: string) => Promise<T>,
): Promise<T> {
  const dbName = `tubelens_bench_refresh_${randomBytes(3).toString('hex')}`;
  const admin = openPgClient({ connectionString: adminUrl, max: 1 });
  await admin.query(`CREATE DATABASE ${dbName}`);
  // Index builds after the bulk load sort 30 M rows; 512 MB keeps the sort in memory. It does not
  // change what any report statement may use (work_mem stays the server's).
  await admin.query(`ALTER DATABASE ${dbName} SET maintenance_work_mem = '512MB'`);
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  const db = openPgClient({ connectionString: url.toString(), max: 8 });
  try {
    await migrate(db);
    const started = performance.now();
    await scale.fill(db);
    console.log(`${scale.name}: generated in ${seconds(performance.now() - started).toFixed(0)} s`);
    return await measure(db, url.toString());
  } finally {
    await db.close();
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.close();
  }
}

interface Measured {
  readonly counts: { c: number; v: number; s: number };
  readonly floor: FloorRun;
  readonly full: RefreshChildResult;
  readonly pg: RefreshChildResult | null;
  readonly incremental: RefreshChildResult | null;
  readonly maxResponseKiB: number;
  readonly problems: readonly string[];
  readonly sampled: number;
}

/** One scale's table rows and its summary line with the ratios. */
function summarise(scale: string, m: Measured) {
  const { floor, full, pg, incremental } = m;
  const rows: Record<string, unknown>[] = [
    { scale, run: 'floor (pg direct, warm)', wallS: floor.wallS },
    row(scale, 'Data API full', full),
    ...(pg ? [row(scale, 'pg direct full', pg)] : []),
    ...(incremental ? [row(scale, 'Data API incremental', incremental)] : []),
  ];
  const summary = {
    scale,
    channels: m.counts.c,
    videos: m.counts.v,
    snapshots: m.counts.s,
    floorS: floor.wallS,
    fullDataApiS: seconds(full.wallMs),
    fullPgS: pg ? seconds(pg.wallMs) : null,
    incrementalS: incremental ? seconds(incremental.wallMs) : null,
    // Target (issue 18): at most 1.5.
    fullDataApiOverFloor: +(full.wallMs / 1000 / floor.wallS).toFixed(2),
    fullPgOverFloor: pg ? +(pg.wallMs / 1000 / floor.wallS).toFixed(2) : null,
    dataApiOverPg: pg ? +(full.wallMs / pg.wallMs).toFixed(2) : null,
    maxResponseKiB: m.maxResponseKiB,
    // Two cores shared with other work: the 1-minute load average when the scale finished says
    // how much the figures were stretched.
    loadAverage: +os.loadavg()[0]!.toFixed(1),
    floorCheck: m.problems.length
      ? `${m.problems.length} differences`
      : `equal (${m.sampled} channels sampled)`,
  };
  return { rows, summary };
}

async function measureScale(scale: Scale, db: SqlClient, url: string) {
  const counts = (
    await db.query<{ c: number; v: number; s: number }>(
      `SELECT (SELECT count(*)::int FROM channels) c, (SELECT count(*)::int FROM videos) v,
              (SELECT count(*)::int FROM video_daily_stats) s`,
    )
  ).rows[0]!;
  console.log(`${scale.name}: ${counts.c} channels, ${counts.v} videos, ${counts.s} snapshots`);
  const work = await mkdtemp(path.join(os.tmpdir(), 'tubelens-bench-refresh-'));
  const server = await startDataApiServer({ sql: db, maxConnections: 8 });
  try {
    const { url: endpoint, resourceArn, secretArn, database } = server;
    const dataApi = { endpoint, resourceArn, secretArn, database };
    const run = (label: string, config: Omit<RefreshChildConfig, 'out'>, out: string) => {
      console.log(`  ${label}...`);
      return runRefreshChild({ ...config, out: path.join(work, out) });
    };
    // A first pass warms PostgreSQL's caches so no measured run pays for cold reads (skipped at
    // 1 M videos, where the Data API run warms the cache for the floor that follows it).
    if (!scale.big)
      await run('warm-up refresh (pg, not measured)', { mode: 'pg', url, kind: 'full' }, 'warm');
    const full = await run('full refresh via Data API', { mode: 'dataApi', dataApi, kind: 'full' }, 'api');
    const pg = await run('full refresh via pg', { mode: 'pg', url, kind: 'full' }, 'pg');
    const maxResponseKiB = Math.round(server.stats.maxResponseBytes / 1024);
    const ids = (await db.query<{ id: string }>('SELECT channel_id AS id FROM channels')).rows.map(
      (r) => r.id,
    );
    const sample = sampleChannels(ids);
    console.log('  floor statements (pg direct, warm)...');
    const floor = await runFloor(url, sample);
    const problems = checkFloor(floor, path.join(work, 'api'), sample);
    for (const p of problems) console.error(`  FLOOR CHECK: ${p}`);
    await changeOneChannel(db);
    const incremental = await run(
      'incremental via Data API (one channel changed)',
      { mode: 'dataApi', dataApi, kind: 'incremental' },
      'api',
    );
    const measured: Measured = {
      counts,
      floor,
      full,
      pg,
      incremental,
      maxResponseKiB,
      problems,
      sampled: sample.size,
    };
    return {
      ...summarise(scale.name, measured),
      floor: { scale: scale.name, statements: floor.timings },
      problems,
    };
  } finally {
    await server.close();
    await rm(work, { recursive: true, force: true });
  }
}

function scales(): { list: Scale[]; only: string | undefined } {
  const big: Scale = { name: '10k/1M/30d', fill: (db) => generate(db, 10_000, 1_000_000, 30), big: true };
  const list: Scale[] = [
    { name: 'demo (2017-11 trending)', fill: (db) => loadDemo(db, root) },
    { name: '1k/100k/90d', fill: (db) => generate(db, 1_000, 100_000, 90) },
  ];
  if (process.env.TUBELENS_BENCH_REFRESH_BIG === '1') list.push(big);
  // TUBELENS_BENCH_REFRESH_ONLY=bundle measures the bundle alone (a few seconds); =big runs only
  // the 10k/1M/30d scale and writes refresh-big.json.
  const only = process.env.TUBELENS_BENCH_REFRESH_ONLY;
  if (only === 'bundle') return { list: [], only };
  if (only === 'big') return { list: [big], only };
  if (only === 'demo') return { list: list.slice(0, 1), only };
  return { list, only };
}

async function main() {
  const { list, only } = scales();
  const rows: Record<string, unknown>[] = [];
  const summaries: Record<string, unknown>[] = [];
  const floors: unknown[] = [];
  let failed = false;
  for (const scale of list) {
    const r = await withDatabase(scale, (db, url) => measureScale(scale, db, url));
    rows.push(...r.rows);
    summaries.push(r.summary);
    floors.push({ ...r.floor, problems: r.problems });
    failed ||= r.problems.length > 0;
    console.table(r.floor.statements.map(({ covers: _, ...t }) => t));
    console.table(r.rows);
  }
  const bundles = only === 'big' ? [] : await measureBundles(root);
  console.table(summaries);
  if (bundles.length) console.table(bundles);
  // A floor that does not compute what the product publishes measures nothing: fail the bench.
  if (failed) {
    console.error('the floor differs from the published reports (see FLOOR CHECK above)');
    process.exitCode = 1;
  }
  // A demo-only run is a quick check of the bench itself, not a result worth keeping.
  if (only === 'demo') return;
  writeResult(only === 'big' ? 'refresh-big' : 'refresh', rows, { summaries, floors, bundles });
}

await main();
