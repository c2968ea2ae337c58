// The fan-out threshold's evidence (docs/refresh.md, "Past one invocation"): at 1,000 channels /
// 100,000 videos / 90 days (TUBELENS_BENCH_FANOUT_SHAPE=channels/videos/days to change it), in
// one run, through the local Data API endpoint on PostgreSQL:
//   - the full refresh in one invocation (the baseline),
//   - the same refresh fanned out: the plan step, every batch step (one plan batch each), the
//     finishing step, and the batches' total run one at a time and two at a time,
//   - the estimate the switch uses (videos × snapshot days) and the seconds per million rows.
//
//   npm run bench fanOut
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { openDataApiClient } from '../db/dataApi/openDataApiClient.ts';
import { generateDataset } from '../db/generate/generateDataset.ts';
import { migrate } from '../db/migrate.ts';
import { openPgClient } from '../db/sql/pgClient.ts';
import { estimateRefresh } from '../functions/refresh/fanOut/estimateRefresh.ts';
import { finishRefresh } from '../functions/refresh/fanOut/finishRefresh.ts';
import { planRefresh } from '../functions/refresh/fanOut/planRefresh.ts';
import { runRefreshBatch } from '../functions/refresh/fanOut/runRefreshBatch.ts';
import { directoryObjectStore } from '../functions/refresh/objectStore/directoryObjectStore.ts';
import { refreshReports } from '../functions/refresh/refreshReports.ts';
import { dataApiEnv } from '../local/dataApi/dataApiEnv.ts';
import { startDataApiServer } from '../local/dataApi/startDataApiServer.ts';
import { writeResult } from './support/results.ts';
import { round, timed } from './support/timing.ts';

const adminUrl =
  process.env.TUBELENS_BENCH_DATABASE_URL ??
  process.env.TUBELENS_TEST_DATABASE_URL ??
  'postgres://postgres@127.0.0.1:5432/test';
const [channels, videos, days] = (process.env.TUBELENS_BENCH_FANOUT_SHAPE ?? '1000/100000/90')
  .split('/')
  .map(Number) as [number, number, number];

const dbName = `tubelens_bench_fanout_${randomBytes(3).toString('hex')}`;
const admin = openPgClient({ connectionString: adminUrl, max: 1 });
await admin.query(`CREATE DATABASE ${dbName}`);
const url = new URL(adminUrl);
url.pathname = `/${dbName}`;
const db = openPgClient({ connectionString: url.toString(), max: 8 });
const work = await mkdtemp(path.join(os.tmpdir(), 'tubelens-bench-fanout-'));
try {
  await migrate(db);
  const [generated, generateS] = await timed(() => generateDataset(db, { channels, videos, days }));
  console.log(`generated ${JSON.stringify(generated)} in ${generateS.toFixed(1)} s`);
  const server = await startDataApiServer({ sql: db });
  const env = dataApiEnv(server);
  const sql = openDataApiClient({
    endpoint: env.RDS_DATA_ENDPOINT,
    resourceArn: env.DB_CLUSTER_ARN,
    secretArn: env.DB_SECRET_ARN,
    database: env.DB_NAME,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  try {
    const estimate = await estimateRefresh(sql);
    const [single, singleS] = await timed(() =>
      refreshReports({ sql, store: directoryObjectStore(path.join(work, 'single')), kind: 'full' }),
    );
    const store = directoryObjectStore(path.join(work, 'fanned'));
    const [planned, planS] = await timed(() => planRefresh({ sql, store, kind: 'full' }));
    if (planned.status !== 'planned') throw new Error(`plan ${planned.status}`);
    const batchS: number[] = [];
    for (const batch of planned.batches) {
      const [, s] = await timed(() =>
        runRefreshBatch({ sql, store, generation: planned.generation, batches: [batch] }),
      );
      batchS.push(s);
    }
    // The same batches again, two at a time (a retry rewrites the same objects).
    const queue = [...planned.batches];
    const [, pairS] = await timed(() =>
      Promise.all(
        [0, 1].map(async () => {
          for (let b = queue.shift(); b !== undefined; b = queue.shift())
            await runRefreshBatch({ sql, store, generation: planned.generation, batches: [b] });
        }),
      ),
    );
    const [finished, finishS] = await timed(() =>
      finishRefresh({ sql, store, generation: planned.generation }),
    );
    const sorted = [...batchS].sort((a, b) => a - b);
    const batchesTotal = batchS.reduce((a, b) => a + b, 0);
    const rows = [
      { step: 'one invocation (baseline)', seconds: round(singleS), ratio: 1 },
      {
        step: 'plan (global reports, channel index, plan)',
        seconds: round(planS),
        ratio: round(planS / singleS),
      },
      {
        step: `${batchS.length} batches, one at a time`,
        seconds: round(batchesTotal),
        ratio: round(batchesTotal / singleS),
      },
      {
        step: `${batchS.length} batches, two at a time`,
        seconds: round(pairS),
        ratio: round(pairS / singleS),
      },
      {
        step: 'finish (shards, catalog, manifest)',
        seconds: round(finishS),
        ratio: round(finishS / singleS),
      },
      {
        step: 'fanned out, batches one at a time',
        seconds: round(planS + batchesTotal + finishS),
        ratio: round((planS + batchesTotal + finishS) / singleS),
      },
    ];
    const summary = {
      shape: `${channels}/${videos}/${days}`,
      snapshots: generated.snapshots,
      estimatedRows: estimate.snapshotRows,
      secondsPerMillionRows: round(singleS / (estimate.snapshotRows / 1e6), 3),
      batches: batchS.length,
      batchMedianS: round(sorted[Math.floor(sorted.length / 2)] ?? 0, 3),
      batchMaxS: round(sorted.at(-1) ?? 0, 3),
      channelsComputed: [
        single.status === 'published' ? single.channelsComputed : 0,
        finished.channelsComputed,
      ],
    };
    console.table(rows);
    console.table([summary]);
    writeResult('fanOut', rows, { summary });
  } finally {
    await sql.close();
    await server.close();
  }
} finally {
  await db.close();
  await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await admin.close();
  await rm(work, { recursive: true, force: true });
}
