// Explorer benchmark on the PostgreSQL server: N concurrent WebSocket sessions replay an
// interaction script against the built explorer (`node dist/server.js`, its own process), and the
// same SQL runs directly through pg at the same concurrency as the baseline. Then idle sessions:
// memory each and RSS at 1,000.
//
//   npm run bench explorer
//   TUBELENS_BENCH_EXPLORER_VIDEOS=300000 TUBELENS_BENCH_EXPLORER_CHANNELS=3000 npm run bench explorer
//
// Data: generated with generate_series into a fresh database (1,000 channels, 100,000 videos,
// 90 days of daily snapshots by default), so the bench depends on nothing but the schema.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { buildExplorer } from '../container/build.ts';
import { computeView, type PartKeys } from '../container/explorer/computeView.ts';
import type { LiveDatabase } from '../container/explorer/liveDatabase.ts';
import { SERVER_ARGS } from '../container/serverArgs.ts';
import type { ServerMessage } from '../container/shared/protocol.ts';
import {
  applyPatch,
  DEFAULT_STATE,
  EMPTY_FILTERS,
  type ViewState,
  type ViewStatePatch,
} from '../container/shared/viewState.ts';
import { migrate } from '../db/migrate.ts';
import { openPgClient } from '../db/sql/pgClient.ts';
import { writeResult } from './support/results.ts';

const scale = {
  channels: Number(process.env.TUBELENS_BENCH_EXPLORER_CHANNELS ?? 1000),
  videos: Number(process.env.TUBELENS_BENCH_EXPLORER_VIDEOS ?? 100_000),
  days: Number(process.env.TUBELENS_BENCH_EXPLORER_DAYS ?? 90),
};
const CONCURRENCY = [1, 10, 50];
const ROUNDS = Number(process.env.TUBELENS_BENCH_EXPLORER_ROUNDS ?? 2);
/** Pause between a view and the next change: a brisk user, 0.5–1.5 s (TUBELENS_BENCH_EXPLORER_THINK_MS=mean). */
const THINK_MS = Number(process.env.TUBELENS_BENCH_EXPLORER_THINK_MS ?? 1000);
const think = (rand: () => number) => sleep(THINK_MS * (0.5 + rand()));
const IDLE_SESSIONS = Number(process.env.TUBELENS_BENCH_EXPLORER_IDLE ?? 1000);
/** TUBELENS_BENCH_EXPLORER_IDLE_ONLY=1: only the idle-session memory part, printed, not saved. */
const IDLE_ONLY = process.env.TUBELENS_BENCH_EXPLORER_IDLE_ONLY === '1';
const adminUrl =
  process.env.TUBELENS_BENCH_DATABASE_URL ??
  process.env.TUBELENS_TEST_DATABASE_URL ??
  'postgres://postgres@127.0.0.1:5432/test';
const containerDir = fileURLToPath(new URL('../container/', import.meta.url));

const WORDS = ['cook', 'game', 'news', 'music', 'travel', 'review', 'live', 'tutorial', 'vlog', 'science'];

async function generate(url: string) {
  const db = openPgClient({ connectionString: url, max: 1 });
  await migrate(db);
  const t0 = performance.now();
  const step = async (what: string, sql: string, params: (number | string)[] = []) => {
    const started = performance.now();
    await db.query(sql, params);
    console.log(`  ${what}: ${Math.round(performance.now() - started)} ms`);
  };
  await step('seed', `SELECT setseed(0.42)`);
  await step(
    'categories',
    `INSERT INTO categories (category_id, title) SELECT i, 'Category ' || i FROM generate_series(1, 15) i`,
  );
  await step(
    'channels',
    `INSERT INTO channels (channel_id, title, subscriber_count)
     SELECT 'UC' || lpad(i::text, 6, '0'),
            initcap((ARRAY['cook','game','news','music','travel','review','live','tutorial','vlog','science'])[1 + i % 10])
              || ' Channel ' || i,
            floor(1e7 / i)::bigint
     FROM generate_series(1, $1::int) i`,
    [scale.channels],
  );
  // Channel sizes follow a power law (a few large channels, a long tail); views are log-spread.
  await step(
    'videos',
    `INSERT INTO videos (video_id, channel_id, title, published_at, duration_seconds, category_id, views, likes, comments)
     SELECT 'v' || lpad(i::text, 9, '0'),
            'UC' || lpad((1 + floor($2::int * random() ^ 2))::int::text, 6, '0'),
            (ARRAY['cook','game','news','music','travel','review','live','tutorial','vlog','science'])[1 + floor(random() * 10)::int]
              || ' ' || (ARRAY['best','first','how','why','new','top','my','the','big','last'])[1 + floor(random() * 10)::int]
              || ' ' || (ARRAY['recipe','speedrun','update','cover','trip','unboxing','stream','guide','day','experiment'])[1 + floor(random() * 10)::int]
              || ' ' || i,
            timestamptz '2024-06-30 00:00:00+00' - make_interval(secs => random() * 730 * 86400),
            (30 + random() * 3600)::int,
            1 + floor(random() * 15)::int,
            floor(exp(random() * 14))::bigint,
            floor(exp(random() * 9))::bigint,
            floor(exp(random() * 6))::bigint
     FROM generate_series(1, $1::int) i`,
    [scale.videos, scale.channels - 1],
  );
  // 9 M snapshot rows: load them without the per-row foreign-key check and index upkeep (the rows
  // are made from `videos`, so they are valid), then build the indexes once.
  await step('drop snapshot indexes', 'ALTER TABLE video_daily_stats DROP CONSTRAINT video_daily_stats_pkey');
  await step('drop day index', 'DROP INDEX video_daily_stats_day_idx');
  await step('no fk checks', `SET session_replication_role = replica`);
  await step(
    'video_daily_stats',
    `INSERT INTO video_daily_stats (video_id, day, views)
     SELECT v.video_id, DATE '2024-06-30' - d, floor(v.views * (1 - d::float8 / ($1::int + 10)))::bigint
     FROM videos v, generate_series(0, $1::int - 1) d`,
    [scale.days],
  );
  await step('fk checks back', `SET session_replication_role = DEFAULT`);
  await step('primary key', 'ALTER TABLE video_daily_stats ADD PRIMARY KEY (video_id, day)');
  await step('day index', 'CREATE INDEX video_daily_stats_day_idx ON video_daily_stats (day)');
  await step('analyze', 'ANALYZE');
  console.log(`generated in ${Math.round((performance.now() - t0) / 1000)} s`);
  await db.close();
}

/** One session's script: what a user does when comparing channels (each step one message). */
function script(rand: () => number, topChannels: string[]): ViewStatePatch[] {
  const pick = () => topChannels[Math.floor(rand() * topChannels.length)]!;
  const a = pick();
  let b = pick();
  while (b === a) b = pick();
  const word = WORDS[Math.floor(rand() * WORDS.length)]!;
  return [
    { channels: [a] },
    { channels: [a, b] },
    { filters: { ...EMPTY_FILTERS, from: '2023-07-01', to: '2024-06-30' } },
    { filters: { ...EMPTY_FILTERS, from: '2023-07-01', to: '2024-06-30', title: word } },
    {
      filters: { ...EMPTY_FILTERS, from: '2023-07-01', to: '2024-06-30', minDuration: 60, maxDuration: 1200 },
    },
    {
      brush: {
        from: '2023-10-01T00:00:00.000Z',
        to: '2024-04-01T00:00:00.000Z',
        minViews: 1000,
        maxViews: 1_000_000,
      },
    },
    { sort: { column: 'published_at', direction: 'desc' } },
    { page: 1 },
    { sort: { column: 'likes', direction: 'desc' } },
    { channels: [a, b, pick()].filter((c, i, all) => all.indexOf(c) === i) },
    { brush: null },
    { filters: EMPTY_FILTERS },
  ];
}

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
const round = (ms: number) => Math.round(ms * 10) / 10;

function summarise(samples: number[]) {
  const s = [...samples].sort((x, y) => x - y);
  return {
    n: s.length,
    p50: round(percentile(s, 50)),
    p95: round(percentile(s, 95)),
    p99: round(percentile(s, 99)),
  };
}

interface Client {
  ws: WebSocket;
  waitFor(requestId: number): Promise<Extract<ServerMessage, { type: 'view' }>>;
}

async function openSession(url: string, state?: ViewStatePatch): Promise<Client> {
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/ws`, { origin: url });
  const waiting = new Map<number, (m: Extract<ServerMessage, { type: 'view' }>) => void>();
  ws.on('message', (data) => {
    const m = JSON.parse(String(data)) as ServerMessage;
    if (m.type === 'view' && m.requestId !== null) waiting.get(m.requestId)?.(m);
    if (m.type === 'error') console.error('server error', m);
  });
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  const waitFor = (id: number) =>
    new Promise<Extract<ServerMessage, { type: 'view' }>>((resolve) => waiting.set(id, resolve));
  const first = waitFor(0);
  ws.send(JSON.stringify({ v: 1, type: 'hello', id: 0, ...(state ? { state } : {}) }));
  await first;
  return { ws, waitFor };
}

/** Message → view latency for every step of every session, sessions running at once. */
async function runExplorer(url: string, sessions: number, topChannels: string[]): Promise<number[]> {
  const samples: number[] = [];
  await Promise.all(
    Array.from({ length: sessions }, async (_, k) => {
      const rand = rng(1000 + k);
      const client = await openSession(url);
      for (let round = 0; round < ROUNDS; round += 1) {
        let id = 1 + round * 100;
        for (const patch of script(rand, topChannels)) {
          await think(rand);
          const started = performance.now();
          const view = client.waitFor(id);
          client.ws.send(JSON.stringify({ v: 1, type: 'update', id, patch }));
          await view;
          samples.push(performance.now() - started);
          id += 1;
        }
      }
      client.ws.close();
    }),
  );
  return samples;
}

/** The same SQL (same parts, same order) straight through a pg pool, no transaction, no server. */
async function runBaseline(dbUrl: string, sessions: number, topChannels: string[]): Promise<number[]> {
  const db = openPgClient({ connectionString: dbUrl, max: 10 });
  const direct: LiveDatabase = {
    dialect: 'pg',
    readOnly: (work) =>
      work({ query: (text, params) => db.query(text, params), replicaLagSeconds: async () => null }),
    ping: async () => {},
    close: async () => {},
  };
  const samples: number[] = [];
  await Promise.all(
    Array.from({ length: sessions }, async (_, k) => {
      const rand = rng(1000 + k);
      let state: ViewState = DEFAULT_STATE;
      let sent: PartKeys = (await computeView(direct, state, {})).keys;
      for (let round = 0; round < ROUNDS; round += 1) {
        for (const patch of script(rand, topChannels)) {
          await think(rand);
          state = applyPatch(state, patch);
          const started = performance.now();
          sent = (await computeView(direct, state, sent)).keys;
          samples.push(performance.now() - started);
        }
      }
    }),
  );
  await db.close();
  return samples;
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

interface MemoryLine {
  rss: number;
  heapTotal: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
  connections: number;
}

/**
 * The built server in its own process. `--expose-gc` lets its SIGUSR2 diagnostic collect garbage
 * before reporting memory, so per-session figures are what sessions keep, not uncollected garbage.
 */
async function startServer(dbUrl: string, args: readonly string[] = SERVER_ARGS) {
  const child = spawn(process.execPath, ['--expose-gc', ...args], {
    cwd: containerDir,
    env: {
      PATH: process.env.PATH ?? '',
      TZ: 'UTC',
      PORT: '0',
      HOST: '127.0.0.1',
      NODE_ENV: 'production',
      DATABASE_URL: dbUrl,
      EXPLORER_LOG_LEVEL: 'info',
      EXPLORER_MAX_SESSIONS: String(IDLE_SESSIONS + 100),
      // Every bench session comes from 127.0.0.1.
      EXPLORER_MAX_SESSIONS_PER_CLIENT: String(IDLE_SESSIONS + 100),
      // The bench drives many sessions from one address at machine speed.
      EXPLORER_RATE_PER_SECOND: '1000',
      EXPLORER_RATE_BURST: '1000',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let listening: (url: string) => void = () => {};
  let memory: ((line: MemoryLine) => void) | undefined;
  let buffer = '';
  // Read every line (also so the pipe never fills and blocks the server).
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    buffer += chunk;
    const lines = buffer.split('\n');
    buffer = lines.pop()!;
    for (const line of lines) {
      if (line.includes('"msg":"listening"')) listening(JSON.parse(line).url);
      else if (line.includes('"msg":"memory"')) memory?.(JSON.parse(line));
    }
  });
  const url = await new Promise<string>((resolve, reject) => {
    listening = resolve;
    child.once('exit', (code) => reject(new Error(`explorer exited with ${code}`)));
  });
  const readMemory = () =>
    new Promise<MemoryLine>((resolve) => {
      memory = resolve;
      child.kill('SIGUSR2');
    });
  return { child, url, readMemory };
}

/**
 * Idle sessions on a fresh process: RSS after a warm-up, then after IDLE_SESSIONS sessions have
 * each opened and received their first view and sit idle.
 */
async function measureIdle(dbUrl: string, topChannels: string[], args: readonly string[] = SERVER_ARGS) {
  const server = await startServer(dbUrl, args);
  try {
    const warm = await Promise.all(
      Array.from({ length: 10 }, (_, i) => openSession(server.url, { channels: [topChannels[i]!] })),
    );
    for (const c of warm) c.ws.close();
    await sleep(1000);
    const before = await server.readMemory();
    const idle: Client[] = [];
    for (let i = 0; i < IDLE_SESSIONS; i += 1) {
      idle.push(await openSession(server.url, { channels: [topChannels[i % topChannels.length]!] }));
    }
    await sleep(2000);
    const rawRss = rssMb(server.child.pid!);
    const after = await server.readMemory();
    for (const c of idle) c.ws.close();
    const mb = (bytes: number) => Math.round(bytes / 2 ** 20);
    const perSession = (field: 'rss' | 'heapTotal' | 'heapUsed' | 'external') =>
      Math.round((after[field] - before[field]) / 1024 / IDLE_SESSIONS);
    return {
      node: args.slice(0, -1).join(' ') || '(V8 defaults)',
      'idle sessions': after.connections,
      'RSS before MB': mb(before.rss),
      'RSS with sessions MB': mb(after.rss),
      'RSS before GC MB': Math.round(rawRss),
      'heap per session KB': perSession('heapUsed'),
      'heap committed per session KB': perSession('heapTotal'),
      'external per session KB': perSession('external'),
      'RSS per session KB': perSession('rss'),
    };
  } finally {
    server.child.kill('SIGTERM');
    await new Promise((resolve) => server.child.once('exit', resolve));
  }
}

/**
 * Idle memory with the container's flags, and with V8's defaults as the baseline of the same run
 * (the flags exist for this figure: container/serverArgs.ts).
 */
async function measureIdleBoth(dbUrl: string, topChannels: string[]) {
  const defaults = SERVER_ARGS.filter((a) => !a.startsWith('--'));
  return [await measureIdle(dbUrl, topChannels, defaults), await measureIdle(dbUrl, topChannels)];
}

async function main() {
  console.log(`explorer bench: ${scale.channels} channels, ${scale.videos} videos, ${scale.days} days`);
  // TUBELENS_BENCH_EXPLORER_DB=name keeps the generated database between runs (made if missing).
  const kept = process.env.TUBELENS_BENCH_EXPLORER_DB;
  const name = kept ?? `tubelens_bench_explorer_${randomBytes(3).toString('hex')}`;
  if (!/^\w+$/.test(name)) throw new Error('TUBELENS_BENCH_EXPLORER_DB must be a plain database name');
  const admin = openPgClient({ connectionString: adminUrl, max: 1 });
  const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount > 0;
  if (!exists) await admin.query(`CREATE DATABASE ${name}`);
  const dbUrl = Object.assign(new URL(adminUrl), { pathname: `/${name}` }).toString();
  try {
    if (!exists) await generate(dbUrl);
    else {
      const db = openPgClient({ connectionString: dbUrl, max: 1 });
      await migrate(db);
      await db.close();
    }
    await buildExplorer();
    const db = openPgClient({ connectionString: dbUrl, max: 1 });
    const top = await db.query<{ channel_id: string }>(
      `SELECT channel_id FROM videos GROUP BY channel_id ORDER BY count(*) DESC LIMIT 200`,
    );
    await db.close();
    const topChannels = top.rows.map((r) => r.channel_id);
    if (IDLE_ONLY) {
      console.table(await measureIdleBoth(dbUrl, topChannels));
      return;
    }

    const server = await startServer(dbUrl);
    const rows: Record<string, unknown>[] = [];
    let idleRows: Record<string, number | string>[] = [];
    try {
      // Warm both paths (plans, pool connections, caches) before measuring.
      await runExplorer(server.url, 5, topChannels);
      await runBaseline(dbUrl, 5, topChannels);
      for (const n of CONCURRENCY) {
        const explorer = summarise(await runExplorer(server.url, n, topChannels));
        const baseline = summarise(await runBaseline(dbUrl, n, topChannels));
        rows.push({
          sessions: n,
          steps: explorer.n,
          'explorer p50 ms': explorer.p50,
          'explorer p95 ms': explorer.p95,
          'explorer p99 ms': explorer.p99,
          'pg direct p50 ms': baseline.p50,
          'pg direct p95 ms': baseline.p95,
          'pg direct p99 ms': baseline.p99,
          'overhead p50 ms': round(explorer.p50 - baseline.p50),
        });
        console.log(rows.at(-1));
      }

      server.child.kill('SIGTERM');
      await new Promise((resolve) => server.child.once('exit', resolve));
      idleRows = await measureIdleBoth(dbUrl, topChannels);
      writeResult('explorer', rows, {
        scale,
        rounds: ROUNDS,
        thinkTimeMs: THINK_MS,
        pool: 10,
        idle: idleRows,
      });
      console.table(idleRows);
    } finally {
      if (server.child.exitCode === null) {
        server.child.kill('SIGTERM');
        await new Promise((resolve) => server.child.once('exit', resolve));
      }
    }
  } finally {
    if (!kept) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.close();
  }
}

await main();
