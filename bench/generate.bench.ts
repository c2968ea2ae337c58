import { generateDataset } from '../db/generate/generateDataset.ts';
import { type GenerateShape, snapshotsOf, videoAt } from '../db/generate/syntheticData.ts';
import { copyLine } from '../db/load/copyText.ts';
import { migrate } from '../db/migrate.ts';
import { openPgClient } from '../db/sql/pgClient.ts';
import type { SqlClient } from '../db/sql/SqlClient.ts';
import { freshDatabase, SERVER_URL } from '../tests/support/freshDatabase.ts';
import { startBenchServer } from './support/embeddedServer.ts';
import { peakRssMb, writeResult } from './support/results.ts';

const VIDEOS = Number(process.env.TUBELENS_BENCH_GENERATE_VIDEOS ?? 100_000);
const server: GenerateShape = {
  channels: Math.max(1, Math.round(VIDEOS / 100)),
  videos: VIDEOS,
  days: 90,
  seed: 90,
  lastDay: '2025-12-31',
};

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

const serverDatabase = await freshDatabase(SERVER_URL, 'tubelens_bench_gen');
try {
  const db = openPgClient({ connectionString: serverDatabase.url, max: 4 });
  try {
    const r = await timedGenerate(db, server);
    record('postgres server', server, r.seconds, r.snapshots, jsServer.seconds);
  } finally {
    await db.close();
  }
} finally {
  await serverDatabase.drop();
}

const embedded = await startBenchServer();
try {
  const database = await embedded.freshDatabase();
  const db = openPgClient({ connectionString: database.url, max: 4 });
  try {
    const r = await timedGenerate(db, server);
    record('embedded PostgreSQL 17 (default)', server, r.seconds, r.snapshots, jsServer.seconds);
  } finally {
    await db.close();
    await database.drop();
  }
} finally {
  await embedded.close();
}

writeResult('generate', rows, {
  target: 'postgres 1000/100000/90 under 60 s',
  shapes: 'channels/videos/days',
  peakRssMb: peakRssMb(),
});
