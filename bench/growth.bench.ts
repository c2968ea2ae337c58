// The growth reports' cost and the tracker import's speed (issue 16).
//
// 1. Refresh through the Data API (real RDSDataClient → local endpoint → PostgreSQL) of 1,000
//    channels / 100,000 videos / 90 days of snapshots with the growth reports and without them
//    (refreshReports' growthReports: false), each run in its own process: one warm-up run of
//    each, then RUNS alternating pairs; the ratio of the medians. The host's noise between runs is
//    as large as the effect measured, so a single pair (or the slower of two) says little.
//    Target: with / without at most 1.3.
// 2. `tubelens load` of a 1,000,000-row daily channel snapshot file into a fresh database on the
//    server, and again (the idempotent reload), against parsing the same file alone.
//    Target: at least 50,000 rows/s, peak RSS flat in the file size.
//
//   npm run bench growth                                     full scale
//   TUBELENS_BENCH_GROWTH_SCALE=small npm run bench growth   100 / 10,000 / 90 and 100,000 rows
//   TUBELENS_BENCH_GROWTH_ONLY=load|refresh npm run bench growth
//   TUBELENS_BENCH_GROWTH_RUNS=5 (default) measured runs of each
//   TUBELENS_BENCH_DB_PREFIX=tubelens_bench_growth (default) names the databases it makes
import { execFile } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { RDSDataClient } from '@aws-sdk/client-rds-data';
import { openDataApiClient } from '../db/dataApi/openDataApiClient.ts';
import { loadFile } from '../db/load/loadFile.ts';
import { openTrendingFile } from '../db/load/openTrendingFile.ts';
import { readCsvRecords } from '../db/load/readCsvRecords.ts';
import { trackerFormats } from '../db/load/trackerFormats.ts';
import { migrate } from '../db/migrate.ts';
import { openPgClient } from '../db/sql/pgClient.ts';
import { directoryObjectStore } from '../functions/refresh/objectStore/directoryObjectStore.ts';
import { refreshReports } from '../functions/refresh/refreshReports.ts';
import { NODE_FLAGS } from '../local/cli/nodeFlags.ts';
import { startDataApiServer } from '../local/dataApi/startDataApiServer.ts';
import { freshDatabase, SERVER_URL } from '../tests/support/freshDatabase.ts';
import { writeGrowthDataset } from './support/growthDataset.ts';
import { peakRssMb, writeResult } from './support/results.ts';
import { writeChannelDailyCsv } from './support/writeChannelDailyCsv.ts';

const execFileAsync = promisify(execFile);
const small = process.env.TUBELENS_BENCH_GROWTH_SCALE === 'small';
const only = process.env.TUBELENS_BENCH_GROWTH_ONLY;
const SCALE = small
  ? { channels: 100, videos: 10_000, days: 90 }
  : { channels: 1_000, videos: 100_000, days: 90 };
// 1,000 channels x 1,000 days, or 100 x 1,000.
const FILE = small ? { channels: 100, days: 1_000 } : { channels: 1_000, days: 1_000 };
const RUNS = Math.max(1, Number(process.env.TUBELENS_BENCH_GROWTH_RUNS ?? 5));
const DB_PREFIX = process.env.TUBELENS_BENCH_DB_PREFIX ?? 'tubelens_bench_growth';

type DataApiTarget = { endpoint: string; resourceArn: string; secretArn: string; database: string };
type Child =
  | { mode: 'refresh'; dataApi: DataApiTarget; out: string; growthReports: boolean }
  | { mode: 'parse' | 'load'; file: string; url?: string };
interface ChildResult {
  seconds: number;
  peakRssMb: number;
  rows?: number;
  written?: number;
}

/** One measured run, in this process (started as a child). */
async function child(config: Child): Promise<ChildResult> {
  const started = performance.now();
  if (config.mode === 'refresh') {
    const rds = new RDSDataClient({
      endpoint: config.dataApi.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    const sql = openDataApiClient({ ...config.dataApi, rds });
    const result = await refreshReports({
      sql,
      store: directoryObjectStore(config.out),
      kind: 'full',
      growthReports: config.growthReports,
    });
    await sql.close();
    if (result.status !== 'published') throw new Error(`refresh did not publish: ${result.reason}`);
    return { seconds: (performance.now() - started) / 1000, peakRssMb: peakRssMb(), written: result.written };
  }
  if (config.mode === 'parse') {
    let rows = 0;
    const { records } = await readCsvRecords(
      await openTrendingFile(config.file),
      config.file,
      trackerFormats,
      {
        notA: 'a tracker file',
        expected: 'a tracker file',
      },
    );
    for await (const r of records) if (r.kind === 'row') rows += 1;
    return { seconds: (performance.now() - started) / 1000, peakRssMb: peakRssMb(), rows };
  }
  const db = openPgClient({ connectionString: config.url!, max: 2 });
  await migrate(db);
  const loadStarted = performance.now();
  const result = await loadFile(db, await openTrendingFile(config.file), { file: config.file });
  const seconds = (performance.now() - loadStarted) / 1000;
  await db.close();
  return { seconds, peakRssMb: peakRssMb(), rows: result.rows };
}

/**
 * Runs one measurement in a child process. Asynchronously: the Data API endpoint the refresh
 * child calls runs in this process and must keep answering meanwhile.
 */
async function runChild(config: Child): Promise<ChildResult> {
  // With the flags every tubelens process starts with, so peak RSS is the CLI's.
  const { stdout } = await execFileAsync(
    process.execPath,
    [...NODE_FLAGS, fileURLToPath(import.meta.url), '--child'],
    {
      encoding: 'utf8',
      maxBuffer: 16 * 2 ** 20,
      env: { ...process.env, TZ: 'UTC', BENCH_CHILD: JSON.stringify(config) },
    },
  );
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as ChildResult;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

async function refreshRuns(work: string) {
  const database = await freshDatabase(SERVER_URL, DB_PREFIX);
  const db = openPgClient({ connectionString: database.url, max: 8 });
  try {
    await migrate(db);
    const started = performance.now();
    await writeGrowthDataset(db, SCALE.channels, SCALE.videos, SCALE.days);
    const counts = (
      await db.query<{ s: number; c: number }>(
        'SELECT (SELECT count(*)::int FROM video_daily_stats) s, (SELECT count(*)::int FROM channel_daily_stats) c',
      )
    ).rows[0]!;
    console.log(
      `${SCALE.channels} channels, ${SCALE.videos} videos, ${counts.s} video and ${counts.c} channel snapshots in ${((performance.now() - started) / 1000).toFixed(0)} s`,
    );
    const server = await startDataApiServer({ sql: db, maxConnections: 8 });
    const dataApi = {
      endpoint: server.url,
      resourceArn: server.resourceArn,
      secretArn: server.secretArn,
      database: server.database,
    };
    try {
      const run = (growthReports: boolean, i: number) =>
        runChild({ mode: 'refresh', dataApi, growthReports, out: path.join(work, `refresh-${i}`) });
      // One warm-up run of each: PostgreSQL's caches and the endpoint's first connections.
      await run(false, -1);
      await run(true, 0);
      const rows: Record<string, unknown>[] = [];
      const times = { with: [] as number[], without: [] as number[] };
      for (let i = 1; i <= 2 * RUNS; i += 1) {
        const growth = i % 2 === 0;
        const r = await run(growth, i);
        times[growth ? 'with' : 'without'].push(r.seconds);
        rows.push({
          part: 'refresh (Data API, full)',
          run: growth ? 'with growth reports' : 'without',
          seconds: +r.seconds.toFixed(2),
          peakRssMb: r.peakRssMb,
          objectsWritten: r.written,
        });
        console.log(`refresh ${growth ? 'with' : 'without'} growth reports: ${r.seconds.toFixed(1)} s`);
      }
      const ratio = +(median(times.with) / median(times.without)).toFixed(2);
      return {
        rows,
        summary: {
          ...SCALE,
          videoSnapshots: counts.s,
          channelSnapshots: counts.c,
          runsEach: RUNS,
          medianSeconds: { with: +median(times.with).toFixed(2), without: +median(times.without).toFixed(2) },
          withOverWithout: ratio,
          target: 1.3,
        },
      };
    } finally {
      await server.close();
    }
  } finally {
    await db.close();
    await database.drop();
  }
}

async function loadRuns(work: string) {
  const file = path.join(work, 'channel_daily.csv');
  const out = createWriteStream(file);
  const rows = await writeChannelDailyCsv(out, FILE.channels, FILE.days);
  out.end();
  await finished(out);
  const mb = +((await stat(file)).size / 2 ** 20).toFixed(1);
  console.log(`generated ${rows.toLocaleString('en-US')} rows (${mb} MB)`);
  const parse = await runChild({ mode: 'parse', file });
  const database = await freshDatabase(SERVER_URL, DB_PREFIX);
  try {
    const first = await runChild({ mode: 'load', file, url: database.url });
    const again = await runChild({ mode: 'load', file, url: database.url });
    const row = (run: string, r: ChildResult) => ({
      part: 'load daily channel snapshots',
      run,
      rows: r.rows,
      fileMB: mb,
      seconds: +r.seconds.toFixed(2),
      rowsPerSecond: Math.round(r.rows! / r.seconds),
      peakRssMb: r.peakRssMb,
    });
    return {
      rows: [
        row('parse only (baseline)', parse),
        row('postgres, fresh database', first),
        row('postgres, same file again', again),
      ],
      summary: { fileRows: rows, target: { rowsPerSecond: 50_000 } },
    };
  } finally {
    await database.drop();
  }
}

/**
 * A run of one part only keeps the other part's figures from the results file it rewrites, so
 * nothing measured is lost (the load rows are 'load ...' parts, the refresh rows 'refresh ...').
 */
function keepOtherPart(
  name: string,
  ran: string,
  rows: Record<string, unknown>[],
  summaries: Record<string, unknown>,
) {
  const file = fileURLToPath(new URL(`results/${name}.json`, import.meta.url));
  if (!existsSync(file)) return;
  const old = JSON.parse(readFileSync(file, 'utf8')) as { rows?: { part?: string }[] } & Record<
    string,
    unknown
  >;
  const other = ran === 'refresh' ? 'load' : 'refresh';
  if (old[other] !== undefined) summaries[other] = old[other];
  const kept = (old.rows ?? []).filter((r) => r.part?.startsWith(other));
  if (ran === 'refresh') rows.push(...kept);
  else rows.unshift(...kept);
}

async function main() {
  const work = await mkdtemp(path.join(os.tmpdir(), 'tubelens-bench-growth-'));
  try {
    const rows: Record<string, unknown>[] = [];
    const summaries: Record<string, unknown> = {};
    if (only !== 'load') {
      const r = await refreshRuns(work);
      rows.push(...r.rows);
      summaries.refresh = r.summary;
    }
    if (only !== 'refresh') {
      const r = await loadRuns(work);
      rows.push(...r.rows);
      summaries.load = r.summary;
    }
    console.log(JSON.stringify(summaries, null, 2));
    if (only) keepOtherPart(small ? 'growth-small' : 'growth', only, rows, summaries);
    writeResult(small ? 'growth-small' : 'growth', rows, summaries);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child') {
  console.log(JSON.stringify(await child(JSON.parse(process.env.BENCH_CHILD!) as Child)));
} else {
  await main();
}
