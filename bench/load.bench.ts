// Load throughput of the trending-file loader: the two real Kaggle files and a generated
// 2017-format file, into the embedded PostgreSQL (the default database, as `tubelens load` uses
// it) and into the machine's PostgreSQL server, each load in its own child process so its peak
// RSS is its own. Baselines, measured in the same run: parse-only throughput (reading and
// validating the same file without a database); csv-parse alone on the same bytes (the parser
// the loader used before its own scanner); and the previous default, PGlite, run from a checkout
// of the last commit that had it (bench/support/previousVersion.ts).
//
//   npm run bench load                                  # generated file of 200,000 rows
//   TUBELENS_BENCH_LOAD_ROWS=1000000 npm run bench load # the full 1,000,000-row file
//
// Targets (issues 2, 14): >= 50,000 rows/s into the default database; peak RSS of the loading
// process < 300 MB whatever the file size.
//   TUBELENS_BENCH_LOAD_BACKENDS=embedded   only some backends (embedded, postgres, pglite);
//                                           results then go to load-<backends>.json
import { execFileSync } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse';
import { writeTrendingCsv } from '../db/generate/writeTrendingCsv.ts';
import { findCategoryFile, readCategoryFile } from '../db/load/categories.ts';
import { loadTrendingFile } from '../db/load/loadTrendingFile.ts';
import { openTrendingFile } from '../db/load/openTrendingFile.ts';
import { readTrendingRecords } from '../db/load/readTrendingRecords.ts';
import { migrate } from '../db/migrate.ts';
import { openPgClient } from '../db/sql/pgClient.ts';
import type { SqlClient } from '../db/sql/SqlClient.ts';
import { NODE_FLAGS } from '../local/cli/nodeFlags.ts';
import { freshDatabase, SERVER_URL } from '../tests/support/freshDatabase.ts';
import { startBenchServer } from './support/embeddedServer.ts';
import { previousVersion } from './support/previousVersion.ts';
import { peakRssMb, writeResult } from './support/results.ts';

const ROWS = Number(process.env.TUBELENS_BENCH_LOAD_ROWS ?? 200_000);
const SKIP_PGLITE_ABOVE = Number(process.env.TUBELENS_BENCH_LOAD_PGLITE_MAX_ROWS ?? 1_000_000);
// Which backends to load into (comma-separated): embedded, postgres, pglite. All by default.
const ALL_BACKENDS = 'embedded,postgres,pglite';
const BACKENDS = (process.env.TUBELENS_BENCH_LOAD_BACKENDS ?? ALL_BACKENDS).split(',');

const root = fileURLToPath(new URL('..', import.meta.url));

type Mode = 'parse' | 'csv-parse' | 'pglite' | 'server' | 'prepare';
interface ChildResult {
  rows: number;
  seconds: number;
  peakRssMb: number;
  /** Resident set size once the database is open, before the load: the database's own share. */
  openRssMb?: number;
}

/** Child: one load (or parse) of one file, printed as JSON on the last line. */
async function child(mode: Mode, file: string, target: string): Promise<void> {
  const started = performance.now();
  let rows = 0;
  if (mode === 'prepare') {
    // Creating a PGlite data directory peaks near 1.1 GB (initdb inside PGlite) whatever is loaded
    // later, so the directory is created in a process of its own, as `tubelens start` did once.
    const db = await openPreviousPglite(target);
    await db.migrate(db);
    await db.close();
    console.log(JSON.stringify({ rows: 0, seconds: 0, peakRssMb: peakRssMb() } satisfies ChildResult));
    return;
  }
  if (mode === 'csv-parse') {
    // The options readTrendingRecords used with csv-parse; records only, no field checks.
    const parser = (await openTrendingFile(file)).pipe(
      parse({
        bom: true,
        info: true,
        relax_quotes: true,
        relax_column_count: true,
        skip_empty_lines: true,
        skip_records_with_error: true,
      }),
    );
    for await (const _ of parser) rows += 1;
    rows -= 1; // the header
  } else if (mode === 'parse') {
    const { records } = await readTrendingRecords(await openTrendingFile(file), file);
    for await (const r of records) if (r.kind === 'row') rows += 1;
  } else {
    const previous = mode === 'pglite' ? await openPreviousPglite(target) : undefined;
    const db: SqlClient = previous ?? openPgClient({ connectionString: target });
    await (previous?.migrate ?? migrate)(db);
    const openRssMb = Math.round(process.memoryUsage().rss / 2 ** 20);
    const categoriesFile = await findCategoryFile(file);
    const loadStarted = performance.now();
    const load = previous?.loadTrendingFile ?? loadTrendingFile;
    const result = await load(db, await openTrendingFile(file), {
      file,
      categories: categoriesFile ? await readCategoryFile(categoriesFile) : [],
      skipBadRows: true,
    });
    rows = result.rows;
    const seconds = (performance.now() - loadStarted) / 1000;
    await db.close();
    console.log(JSON.stringify({ rows, seconds, peakRssMb: peakRssMb(), openRssMb } satisfies ChildResult));
    return;
  }
  console.log(
    JSON.stringify({
      rows,
      seconds: (performance.now() - started) / 1000,
      peakRssMb: peakRssMb(),
    } satisfies ChildResult),
  );
}

/** The previous version's PGlite client, migrations and loader, from its own checkout. */
async function openPreviousPglite(dataDir: string) {
  const root = previousVersion();
  if (!root) throw new Error('no checkout of the previous version');
  const { openPgliteClient } = await import(path.join(root, 'db/sql/pgliteClient.ts'));
  const previousMigrate = (await import(path.join(root, 'db/migrate.ts'))).migrate as typeof migrate;
  const previousLoad = (await import(path.join(root, 'db/load/loadTrendingFile.ts')))
    .loadTrendingFile as typeof loadTrendingFile;
  const db = (await openPgliteClient({ dataDir })) as SqlClient;
  return Object.assign(db, { migrate: previousMigrate, loadTrendingFile: previousLoad });
}

function runChild(mode: Mode, file: string, target: string): ChildResult {
  // With the flags `tubelens load` runs with, so its peak RSS is the CLI's.
  const args = [...NODE_FLAGS, fileURLToPath(import.meta.url), 'child', mode, file, target];
  const out = execFileSync(process.execPath, args, {
    encoding: 'utf8',
    maxBuffer: 16 * 2 ** 20,
    env: { ...process.env, TZ: 'UTC' },
  });
  return JSON.parse(out.trim().split('\n').at(-1)!) as ChildResult;
}

async function main() {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'tubelens-bench-load-'));
  const embedded = BACKENDS.includes('embedded') ? await startBenchServer() : undefined;
  const withPglite = BACKENDS.includes('pglite') && previousVersion() !== undefined;
  if (BACKENDS.includes('pglite') && !withPglite) {
    console.log('no checkout of the previous version (shallow clone?): compare with bench/results/load.json');
  }
  try {
    const generated = path.join(dir, `generated_${ROWS}.csv`);
    const genStarted = performance.now();
    const out = createWriteStream(generated);
    await writeTrendingCsv({ channels: 5000, videos: 0, days: 90, seed: 2017, lastDay: '2025-12-31' }, out, {
      rows: ROWS,
    });
    out.end();
    await finished(out);
    const genSeconds = (performance.now() - genStarted) / 1000;
    console.log(
      `generated ${ROWS.toLocaleString('en-US')} rows (${((await stat(generated)).size / 2 ** 20).toFixed(0)} MB) in ${genSeconds.toFixed(1)} s`,
    );

    const files = [
      { name: '2017 demo (gz, 3,000 rows)', file: path.join(root, 'data/demo/US_trending_2017-11.csv.gz') },
      {
        name: '2020 truncated (872 rows)',
        file: path.join(
          root,
          'tests/fixtures/trending/kaggle_rsrishav_US_2020-08-12_to_2020-08-16_TRUNCATED.csv',
        ),
      },
      { name: `generated 2017 format (${ROWS.toLocaleString('en-US')} rows)`, file: generated },
    ];
    const rows: Record<string, unknown>[] = [];
    for (const f of files) {
      const mb = (await stat(f.file)).size / 2 ** 20;
      const parse = runChild('parse', f.file, '');
      const record = (backend: string, r: ChildResult) => {
        const rate = Math.round(r.rows / r.seconds);
        rows.push({
          file: f.name,
          backend,
          rows: r.rows,
          fileMB: Number(mb.toFixed(1)),
          seconds: Number(r.seconds.toFixed(2)),
          rowsPerSecond: rate,
          vsParseOnly:
            backend === 'parse only' ? 1 : Number((rate / (parse.rows / parse.seconds)).toFixed(2)),
          peakRssMb: r.peakRssMb,
          openRssMb: r.openRssMb ?? null,
        });
        console.log(`${f.name} ${backend}: ${rate.toLocaleString('en-US')} rows/s, ${r.peakRssMb} MB`);
      };
      record('parse only', parse);
      record('csv-parse only (old parser, no checks)', runChild('csv-parse', f.file, ''));
      if (embedded) {
        const database = await embedded.freshDatabase();
        try {
          record('embedded PostgreSQL 17 (default)', runChild('server', f.file, database.url));
        } finally {
          await database.drop();
        }
      }
      if (BACKENDS.includes('postgres')) {
        const server = await freshDatabase(SERVER_URL, 'tubelens_bench_load');
        try {
          record('postgres server', runChild('server', f.file, server.url));
        } finally {
          await server.drop();
        }
      }
      if (withPglite && parse.rows <= SKIP_PGLITE_ABOVE) {
        const dataDir = path.join(dir, `pglite-${rows.length}`);
        runChild('prepare', '', dataDir);
        record('PGlite (previous default, baseline)', runChild('pglite', f.file, dataDir));
        await rm(dataDir, { recursive: true, force: true });
      }
    }
    const all = BACKENDS.join(',') === ALL_BACKENDS;
    writeResult(all ? 'load' : `load-${BACKENDS.join('-')}`, rows, {
      generatedRows: ROWS,
      targets: { defaultDatabaseRowsPerSecond: 50_000, peakRssMb: 300 },
      baselines:
        'parse only: the same file read and validated without a database, in a child process; PGlite: the previous default, from a checkout of the last commit that had it',
      loadAverage: os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' '),
    });
  } finally {
    await embedded?.close();
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === 'child') {
  await child(process.argv[3] as Mode, process.argv[4]!, process.argv[5] ?? '');
} else {
  await main();
}
