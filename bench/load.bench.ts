// Load throughput of the trending-file loader: the two real Kaggle files and a generated
// 2017-format file, into PGlite (on disk, as the CLI uses it) and into the PostgreSQL server,
// each load in its own child process so its peak RSS is its own. Baseline, measured in the same
// run: parse-only throughput (reading and validating the same file without a database), and
// csv-parse alone on the same bytes (the parser the loader used before its own scanner).
//
//   npm run bench load                                  # generated file of 200,000 rows
//   TUBELENS_BENCH_LOAD_ROWS=1000000 npm run bench load # the full 1,000,000-row file
//
// Targets (issue 2): >= 50,000 rows/s into the server; peak RSS < 300 MB whatever the size.
// PGlite itself holds 270-350 MB once open (openRssMb), and its COPY leaves transient garbage.
//   TUBELENS_BENCH_LOAD_BACKENDS=pglite   only one backend (results go to load-pglite.json)
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
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
import { openPgliteClient } from '../db/sql/pgliteClient.ts';
import type { SqlClient } from '../db/sql/SqlClient.ts';
import { NODE_FLAGS } from '../local/cli/nodeFlags.ts';
import { peakRssMb, writeResult } from './support/results.ts';

const ROWS = Number(process.env.TUBELENS_BENCH_LOAD_ROWS ?? 200_000);
const SKIP_PGLITE_ABOVE = Number(process.env.TUBELENS_BENCH_LOAD_PGLITE_MAX_ROWS ?? 1_000_000);
// Which backends to load into (comma-separated): pglite, postgres. Both by default.
const BACKENDS = (process.env.TUBELENS_BENCH_LOAD_BACKENDS ?? 'pglite,postgres').split(',');
const adminUrl =
  process.env.TUBELENS_BENCH_DATABASE_URL ??
  process.env.TUBELENS_TEST_DATABASE_URL ??
  'postgres://postgres@127.0.0.1:5432/test';
const root = fileURLToPath(new URL('..', import.meta.url));

type Mode = 'parse' | 'csv-parse' | 'pglite' | 'postgres' | 'prepare';
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
    // later, so the directory is created in a process of its own, as `tubelens start` does once.
    const db = await openPgliteClient({ dataDir: target });
    await migrate(db);
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
    const db: SqlClient =
      mode === 'pglite'
        ? await openPgliteClient({ dataDir: target })
        : openPgClient({ connectionString: target });
    await migrate(db);
    const openRssMb = Math.round(process.memoryUsage().rss / 2 ** 20);
    const categoriesFile = await findCategoryFile(file);
    const loadStarted = performance.now();
    const result = await loadTrendingFile(db, await openTrendingFile(file), {
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

async function freshServerDatabase() {
  const admin = openPgClient({ connectionString: adminUrl, max: 1 });
  const name = `tubelens_bench_load_${randomBytes(4).toString('hex')}`;
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.close();
    },
  };
}

async function main() {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'tubelens-bench-load-'));
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
      if (BACKENDS.includes('postgres')) {
        const server = await freshServerDatabase();
        try {
          record('postgres', runChild('postgres', f.file, server.url));
        } finally {
          await server.drop();
        }
      }
      if (BACKENDS.includes('pglite') && parse.rows <= SKIP_PGLITE_ABOVE) {
        const dataDir = path.join(dir, `pglite-${rows.length}`);
        runChild('prepare', '', dataDir);
        record('pglite', runChild('pglite', f.file, dataDir));
        await rm(dataDir, { recursive: true, force: true });
      }
    }
    writeResult(BACKENDS.length === 2 ? 'load' : `load-${BACKENDS.join('-')}`, rows, {
      generatedRows: ROWS,
      targets: { serverRowsPerSecond: 50_000, peakRssMb: 300 },
      baseline: 'parse only: the same file read and validated without a database, in a child process',
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === 'child') {
  await child(process.argv[3] as Mode, process.argv[4]!, process.argv[5] ?? '');
} else {
  await main();
}
