// Synthetic generator time: 1,000 channels / 100,000 videos / 90 days into a fresh database on
// the PostgreSQL server (target, issue 2: under 60 s), and a smaller shape into PGlite. Baseline,
// measured in the same run: producing the same rows in JavaScript without a database.
//
//   npm run bench generate
//   TUBELENS_BENCH_GENERATE_VIDEOS=20000 npm run bench generate   # a quicker, smaller run
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { generateDataset } from '../db/generate/generateDataset.ts';
import { type GenerateShape, snapshotsOf, videoAt } from '../db/generate/syntheticData.ts';
import { copyLine } from '../db/load/copyText.ts';
import { migrate } from '../db/migrate.ts';
import { openPgClient } from '../db/sql/pgClient.ts';
import { openPgliteClient } from '../db/sql/pgliteClient.ts';
import type { SqlClient } from '../db/sql/SqlClient.ts';
import { peakRssMb, writeResult } from './support/results.ts';

const VIDEOS = Number(process.env.TUBELENS_BENCH_GENERATE_VIDEOS ?? 100_000);
const server: GenerateShape = {
  channels: Math.max(1, Math.round(VIDEOS / 100)),
  videos: VIDEOS,
  days: 90,
  seed: 90,
  lastDay: '2025-12-31',
};
const pglite: GenerateShape = {
  ...server,
  videos: Math.round(VIDEOS / 10),
  channels: Math.max(1, Math.round(VIDEOS / 1000)),
  days: 30,
};
const adminUrl =
  process.env.TUBELENS_BENCH_DATABASE_URL ??
  process.env.TUBELENS_TEST_DATABASE_URL ??
  'postgres://postgres@127.0.0.1:5432/test';

/** The same rows as the generator writes, built as COPY text but sent nowhere. */
function javascriptOnly(shape: GenerateShape): { seconds: number; snapshots: number } {
  const started = performance.now();
  let snapshots = 0;
  let bytes = 0;
  for (let i = 0; i < shape.videos; i += 1) {
    const v = videoAt(shape, i);
    const all = snapshotsOf(shape, v);
    bytes += copyLine([v.videoId, v.channel.channelId, v.title, v.description, v.tags]).length;
    for (const s of all) bytes += copyLine([v.videoId, s.day, s.views, s.likes, s.comments]).length;
    snapshots += all.length;
  }
  if (bytes < 0) throw new Error('unreachable');
  return { seconds: (performance.now() - started) / 1000, snapshots };
}

async function timedGenerate(db: SqlClient, shape: GenerateShape) {
  await migrate(db);
  const started = performance.now();
  const result = await generateDataset(db, shape);
  return { seconds: (performance.now() - started) / 1000, ...result };
}

const rows: Record<string, unknown>[] = [];
const record = (
  backend: string,
  shape: GenerateShape,
  seconds: number,
  snapshots: number,
  baseline: number,
) => {
  rows.push({
    backend,
    shape: `${shape.channels}/${shape.videos}/${shape.days}`,
    snapshots,
    seconds: Number(seconds.toFixed(1)),
    snapshotsPerSecond: Math.round(snapshots / seconds),
    vsJavascriptOnly: Number((seconds / baseline).toFixed(2)),
  });
  console.log(`${backend} ${shape.channels}/${shape.videos}/${shape.days}: ${seconds.toFixed(1)} s`);
};

const jsServer = javascriptOnly(server);
record('javascript only (baseline)', server, jsServer.seconds, jsServer.snapshots, jsServer.seconds);

const admin = openPgClient({ connectionString: adminUrl, max: 1 });
const name = `tubelens_bench_gen_${randomBytes(4).toString('hex')}`;
await admin.query(`CREATE DATABASE ${name}`);
try {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = openPgClient({ connectionString: url.toString(), max: 4 });
  try {
    const r = await timedGenerate(db, server);
    record('postgres', server, r.seconds, r.snapshots, jsServer.seconds);
  } finally {
    await db.close();
  }
} finally {
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.close();
}

const jsPglite = javascriptOnly(pglite);
record('javascript only (baseline)', pglite, jsPglite.seconds, jsPglite.snapshots, jsPglite.seconds);
const dir = await mkdtemp(path.join(os.tmpdir(), 'tubelens-bench-gen-'));
try {
  const db = await openPgliteClient({ dataDir: dir });
  try {
    const r = await timedGenerate(db, pglite);
    record('pglite (on disk)', pglite, r.seconds, r.snapshots, jsPglite.seconds);
  } finally {
    await db.close();
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}

writeResult('generate', rows, {
  target: 'postgres 1000/100000/90 under 60 s',
  shapes: 'channels/videos/days',
  peakRssMb: peakRssMb(),
});
