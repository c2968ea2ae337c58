// One refresh in a Node process of its own, so its wall time and peak RSS are what a Lambda would
// see: `runRefreshChild(config)` spawns this file, which runs the refresh and prints one JSON line.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { RDSDataClient } from '@aws-sdk/client-rds-data';
import { openDataApiClient } from '../../db/dataApi/openDataApiClient.ts';
import { openPgClient } from '../../db/sql/pgClient.ts';
import type { SqlClient } from '../../db/sql/SqlClient.ts';
import { directoryObjectStore } from '../../functions/refresh/objectStore/directoryObjectStore.ts';
import { refreshReports } from '../../functions/refresh/refreshReports.ts';
import { peakRssMb } from './results.ts';

export interface RefreshChildConfig {
  readonly mode: 'dataApi' | 'pg';
  readonly url?: string;
  readonly dataApi?: { endpoint: string; resourceArn: string; secretArn: string; database: string };
  readonly out: string;
  readonly kind: 'full' | 'incremental';
}

export interface RefreshChildResult {
  wallMs: number;
  peakRssMb: number;
  calls: number;
  bytes: number;
  written: number;
  unchanged: number;
  channelsComputed: number;
}

/** A SQL client for the child: pg, or the real RDSDataClient counting calls and response bytes. */
function openSql(config: RefreshChildConfig, counts: { calls: number; bytes: number }): SqlClient {
  if (config.mode === 'pg') return openPgClient({ connectionString: config.url!, max: 1 });
  const rds = new RDSDataClient({
    endpoint: config.dataApi!.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  rds.middlewareStack.add(
    (next) => async (args) => {
      const out = await next(args);
      counts.calls += 1;
      const headers = (out.response as { headers?: Record<string, string> }).headers ?? {};
      counts.bytes += Number(headers['content-length'] ?? 0);
      return out;
    },
    { step: 'deserialize', name: 'countResponseBytes' },
  );
  return openDataApiClient({ ...config.dataApi!, rds });
}

/** One refresh, measured from inside the process that runs it. */
async function child(config: RefreshChildConfig): Promise<void> {
  const counts = { calls: 0, bytes: 0 };
  const sql = openSql(config, counts);
  const started = performance.now();
  // A full refresh at 1 M videos runs for minutes: say how far it got every 15 s (on stderr, so
  // stdout stays the one result line).
  let said = started;
  const result = await refreshReports({
    sql,
    store: directoryObjectStore(config.out),
    kind: config.kind,
    onProgress: ({ done, total }) => {
      if (performance.now() - said < 15_000) return;
      said = performance.now();
      const elapsed = ((said - started) / 1000).toFixed(0);
      process.stderr.write(
        `    ${config.mode} ${config.kind}: ${done}/${total ?? '?'} reports, ${elapsed} s\n`,
      );
    },
  });
  const wallMs = performance.now() - started;
  await sql.close();
  if (result.status !== 'published') throw new Error(`refresh did not publish: ${result.reason}`);
  const line: RefreshChildResult = {
    wallMs,
    peakRssMb: peakRssMb(),
    ...counts,
    written: result.written,
    unchanged: result.unchanged,
    channelsComputed: result.channelsComputed,
  };
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

/** Runs one refresh in a child process and returns what it measured. */
export function runRefreshChild(config: RefreshChildConfig): Promise<RefreshChildResult> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [fileURLToPath(import.meta.url)], {
      env: { ...process.env, TZ: 'UTC', BENCH_REFRESH_CHILD: JSON.stringify(config) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    p.stdout.on('data', (c) => {
      out += c;
    });
    p.on('error', reject);
    p.on('exit', (code) => {
      if (code !== 0)
        return reject(new Error(`refresh child (${config.mode}, ${config.kind}) exited with ${code}`));
      resolve(JSON.parse(out.trim().split('\n').at(-1)!));
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await child(JSON.parse(process.env.BENCH_REFRESH_CHILD!));
}
