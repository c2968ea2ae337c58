// `npm start` from launch to every URL answering, on a fresh data dir (first run: the cluster is
// created, the demo set loaded and the site built) and on the same data dir again (second run),
// and the memory of the whole running demo system: the tubelens process and everything it
// started, plus the embedded PostgreSQL server and its backends. Baseline, in the same run: the
// previous default (PGlite, one process) from a checkout of the last commit that had it.
//
//   npm run bench start
//   TUBELENS_BENCH_START_RUNS=5 npm run bench start   # second runs per version (default 3)
//
// Targets (issue 14): second run under 3 s; the whole demo system under 500 MB once started.
import { type ChildProcess, spawn } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { NODE_FLAGS } from '../local/cli/nodeFlags.ts';
import { PREVIOUS_REV, previousVersion } from './support/previousVersion.ts';
import { memoryOf, processTree } from './support/processMemory.ts';
import { writeResult } from './support/results.ts';

const RUNS = Number(process.env.TUBELENS_BENCH_START_RUNS ?? 3);
const here = fileURLToPath(new URL('..', import.meta.url));
const PARTS = ['local Data API endpoint', 'local S3 \\(published reports\\)', 'report site', 'explorer'];

interface Version {
  readonly name: string;
  readonly root: string;
  /** The data-dir arguments: the embedded server's data dir, or PGlite's own folder before it. */
  dataArgs(dir: string): string[];
  /** The postmaster's pid while it runs, if the version has a server. */
  serverPid(dir: string): Promise<number | undefined>;
}

const current: Version = {
  name: 'embedded PostgreSQL 17 (this version)',
  root: here,
  dataArgs: (dir) => ['--data-dir', path.join(dir, 'db')],
  async serverPid(dir) {
    const text = await readFile(path.join(dir, 'db', 'postgres', 'postmaster.pid'), 'utf8').catch(() => '');
    return Number(text.split('\n')[0]) || undefined;
  },
};

function previous(root: string): Version {
  return {
    name: `PGlite (previous default, ${PREVIOUS_REV})`,
    root,
    dataArgs: (dir) => ['--data-dir', path.join(dir, 'pgdata')],
    serverPid: async () => undefined,
  };
}

/** Waits until `tubelens start` says it is running and every URL it printed answers. */
async function untilReady(child: ChildProcess): Promise<Record<string, string>> {
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => {
    stderr += c.toString();
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (c: Buffer) => {
      stdout += c.toString();
      if (stdout.includes('tubelens is running')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`start exited with ${code}:\n${stdout}\n${stderr}`)));
  });
  const urls: Record<string, string> = {};
  for (const part of PARTS) {
    const url = new RegExp(`^${part} at (\\S+)$`, 'm').exec(stdout)?.[1];
    if (!url) throw new Error(`no URL for ${part}:\n${stdout}`);
    urls[part] = url;
  }
  // Any HTTP answer counts (the Data API answers GET / with an error document, as AWS would).
  await Promise.all(Object.values(urls).map((url) => fetch(url).then((r) => r.arrayBuffer())));
  return urls;
}

async function runOnce(version: Version, dir: string) {
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [
      ...NODE_FLAGS,
      path.join(version.root, 'local/cli/tubelens.ts'),
      'start',
      ...version.dataArgs(dir),
      '--s3-dir',
      path.join(dir, 's3'),
      '--port',
      '0',
      '--explorer-port',
      '0',
      '--data-api-port',
      '0',
    ],
    { cwd: version.root, env: { ...process.env, DATABASE_URL: '', ASTRO_TELEMETRY_DISABLED: '1' } },
  );
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  try {
    await untilReady(child);
    const seconds = (performance.now() - started) / 1000;
    // Let start-up garbage settle before reading memory, as a user would look at it.
    await sleep(3000);
    const server = await version.serverPid(dir);
    const pids = processTree([child.pid!, ...(server ? [server] : [])]);
    const memory = memoryOf(pids);
    child.kill('SIGINT');
    const code = await exited;
    return { seconds, ...memory, exitCode: code };
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const versions = [current];
const previousRoot = previousVersion();
if (previousRoot) versions.push(previous(previousRoot));
else
  console.log('no checkout of the previous version (shallow clone?): compare with bench/results/start.json');

const rows: Record<string, unknown>[] = [];
for (const version of versions) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'tubelens-bench-start-'));
  await chmod(dir, 0o755);
  try {
    // A first run after `npm ci`: no data dir and no built site.
    await rm(path.join(version.root, 'site', 'dist'), { recursive: true, force: true });
    const first = await runOnce(version, dir);
    const seconds: number[] = [];
    const memory: { rssMb: number; pssMb: number; processes: number }[] = [];
    for (let i = 0; i < RUNS; i += 1) {
      const run = await runOnce(version, dir);
      seconds.push(run.seconds);
      memory.push(run);
    }
    const mid = memory[Math.floor(memory.length / 2)]!;
    const row = {
      version: version.name,
      'first run s': Number(first.seconds.toFixed(1)),
      'second run s (median)': Number(median(seconds).toFixed(2)),
      'second run s (all)': seconds.map((s) => s.toFixed(2)).join(' '),
      'system PSS MB': median(memory.map((m) => m.pssMb)),
      'system RSS MB': median(memory.map((m) => m.rssMb)),
      processes: mid.processes,
    };
    rows.push(row);
    console.log(row);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (rows.length === 2) {
  const [now, before] = rows as { 'second run s (median)': number; 'system PSS MB': number }[];
  rows.push({
    version: 'ratio this / previous',
    'second run s (median)': Number(
      (now!['second run s (median)'] / before!['second run s (median)']).toFixed(2),
    ),
    'system PSS MB': Number((now!['system PSS MB'] / before!['system PSS MB']).toFixed(2)),
  });
}
writeResult('start', rows, {
  targets: { secondRunSeconds: 3, systemMb: 500 },
  runs: RUNS,
  loadAverage: os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' '),
  notes:
    'launch to every printed URL answering; memory read 3 s after, summed over the tubelens process tree and the PostgreSQL server and its backends (PSS divides shared pages such as shared_buffers among the processes that share them; RSS counts them once per process)',
});
