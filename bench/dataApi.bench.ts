// Data API overhead: the same queries through the Data API adapter (real RDSDataClient → local
// endpoint → pg) and directly through the pg adapter, as a ratio measured in one run.
//
//   npm run bench dataApi
//   TUBELENS_BENCH_DATAAPI_VIDEOS=300000 npm run bench dataApi
//
// Data: 1,000 channels and 100,000 videos generated with generate_series into a fresh database on
// the PostgreSQL server (TUBELENS_BENCH_DATABASE_URL, else the test server), dropped afterwards.
// Parts: a few small queries (median of many runs), one aggregate over every video (target: at
// most 1.5x), and a ~5 MB result fetched in keyset pages, asserting no response over 1 MiB.
import { randomBytes } from 'node:crypto';
import { RDSDataClient } from '@aws-sdk/client-rds-data';
import { openDataApiClient } from '../db/dataApi/openDataApiClient.ts';
import { pageByKey } from '../db/dataApi/pageByKey.ts';
import { migrate } from '../db/migrate.ts';
import { openPgClient } from '../db/sql/pgClient.ts';
import type { SqlClient, SqlParam } from '../db/sql/SqlClient.ts';
import { startDataApiServer } from '../local/dataApi/startDataApiServer.ts';
import { writeResult } from './support/results.ts';

const VIDEOS = Number(process.env.TUBELENS_BENCH_DATAAPI_VIDEOS ?? 100_000);
const CHANNELS = Math.max(1, Math.round(VIDEOS / 100));
const SMALL_RUNS = Number(process.env.TUBELENS_BENCH_DATAAPI_SMALL_RUNS ?? 200);
const AGGREGATE_RUNS = Number(process.env.TUBELENS_BENCH_DATAAPI_AGGREGATE_RUNS ?? 9);
const PAGED_RUNS = 3;
const MIB = 1024 * 1024;
const adminUrl =
  process.env.TUBELENS_BENCH_DATABASE_URL ??
  process.env.TUBELENS_TEST_DATABASE_URL ??
  'postgres://postgres@127.0.0.1:5432/test';

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/**
 * Medians of `runs` timings of each path, alternating in blocks of `block` runs so that load from
 * other processes on the machine falls on both paths alike. (Blocks, not single runs, for small
 * queries: the endpoint shares this process, and its last bits of work after answering would
 * otherwise land in the next pg timing.)
 */
async function timedPair(
  runs: number,
  block: number,
  pgPath: () => Promise<unknown>,
  dataApiPath: () => Promise<unknown>,
) {
  const pg: number[] = [];
  const dataApi: number[] = [];
  for (let done = 0; done < runs; done += block) {
    for (const [fn, times] of [
      [pgPath, pg],
      [dataApiPath, dataApi],
    ] as const) {
      for (let i = 0; i < Math.min(block, runs - done); i += 1) {
        const started = performance.now();
        await fn();
        times.push(performance.now() - started);
      }
    }
  }
  return [median(pg), median(dataApi)] as const;
}

async function generate(db: SqlClient) {
  await migrate(db);
  const started = performance.now();
  await db.query(`SELECT setseed(0.42)`);
  await db.query(
    `INSERT INTO categories (category_id, title) SELECT i, 'Category ' || i FROM generate_series(1, 15) i`,
  );
  await db.query(
    `INSERT INTO channels (channel_id, title, subscriber_count)
     SELECT 'UC' || lpad(i::text, 6, '0'), 'Channel ' || i, floor(1e7 / i)::bigint FROM generate_series(1, $1::int) i`,
    [CHANNELS],
  );
  // ~50 bytes of title and description per video: the paged read below returns ~5 MB of text.
  await db.query(
    `INSERT INTO videos (video_id, channel_id, title, description, published_at, duration_seconds, category_id,
                         views, likes, comments)
     SELECT 'v' || lpad(i::text, 9, '0'), 'UC' || lpad((1 + floor($2::int * random() ^ 2))::int::text, 6, '0'),
            'video ' || i || ' ' || md5(i::text), substr(md5((i * 7)::text), 1, 12),
            TIMESTAMPTZ '2015-01-01' + random() * interval '3000 days', (30 + random() * 3600)::int,
            1 + (i % 15), floor(exp(random() * 14))::bigint, floor(exp(random() * 9))::bigint,
            floor(exp(random() * 6))::bigint
     FROM generate_series(1, $1::int) i`,
    [VIDEOS, CHANNELS],
  );
  await db.query('ANALYZE');
  console.log(
    `generated ${VIDEOS.toLocaleString('en-US')} videos in ${Math.round(performance.now() - started)} ms`,
  );
}

const SMALL: { name: string; sql: string; params: SqlParam[] }[] = [
  { name: 'SELECT 1', sql: 'SELECT 1 AS one', params: [] },
  {
    name: 'one video by key',
    sql: 'SELECT video_id, title, views, published_at FROM videos WHERE video_id = $1',
    params: ['v000004242'],
  },
  {
    name: 'top 10 videos of a channel',
    sql: `SELECT video_id, title, views FROM videos WHERE channel_id = $1 ORDER BY views DESC LIMIT 10`,
    params: ['UC000007'],
  },
];

const AGGREGATE = `SELECT date_trunc('month', published_at) AS month, count(*)::int AS videos, sum(views) AS views,
       round(avg(likes::numeric / greatest(views, 1)), 6) AS like_rate,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY views) AS median_views
FROM videos GROUP BY 1 ORDER BY 1`;

async function main() {
  const name = `tubelens_bench_dataapi_${randomBytes(4).toString('hex')}`;
  const admin = openPgClient({ connectionString: adminUrl, max: 1 });
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const pg = openPgClient({ connectionString: url.toString(), max: 4 });
  const server = await startDataApiServer({ sql: pg });
  const rds = new RDSDataClient({
    endpoint: server.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const dataApi = openDataApiClient({ ...server, rds });
  try {
    await generate(pg);
    const rows: Record<string, unknown>[] = [];
    const compare = (part: string, pgMs: number, dataApiMs: number, extra: Record<string, unknown> = {}) => {
      rows.push({
        part,
        pgMs: Number(pgMs.toFixed(2)),
        dataApiMs: Number(dataApiMs.toFixed(2)),
        ratio: Number((dataApiMs / pgMs).toFixed(2)),
        ...extra,
      });
    };

    for (const q of SMALL) {
      // Warm both paths (connections, plans, the SDK's first signing) before timing.
      for (let i = 0; i < 20; i += 1) {
        await pg.query(q.sql, q.params);
        await dataApi.query(q.sql, q.params);
      }
      const [pgMs, dataApiMs] = await timedPair(
        SMALL_RUNS,
        25,
        () => pg.query(q.sql, q.params),
        () => dataApi.query(q.sql, q.params),
      );
      compare(`small: ${q.name}`, pgMs, dataApiMs, { runs: SMALL_RUNS });
    }

    await pg.query(AGGREGATE);
    await dataApi.query(AGGREGATE);
    const [pgAgg, apiAgg] = await timedPair(
      AGGREGATE_RUNS,
      1,
      () => pg.query(AGGREGATE),
      () => dataApi.query(AGGREGATE),
    );
    compare(`aggregate over ${VIDEOS.toLocaleString('en-US')} videos`, pgAgg, apiAgg, {
      runs: AGGREGATE_RUNS,
      target: '<= 1.5',
    });

    const paged = {
      sql: 'SELECT video_id, title, description FROM videos',
      key: 'video_id',
      pageSize: 10_000,
    };
    const readAll = async (client: SqlClient) => {
      let count = 0;
      let pages = 0;
      let bytes = 0;
      for await (const page of pageByKey<{ video_id: string; title: string; description: string }>(
        client,
        paged,
      )) {
        pages += 1;
        count += page.length;
        for (const r of page) bytes += r.video_id.length + r.title.length + r.description.length;
      }
      return { count, pages, bytes };
    };
    const pgRead = await readAll(pg);
    server.stats.maxResponseBytes = 0;
    const apiRead = await readAll(dataApi);
    if (apiRead.count !== VIDEOS || pgRead.count !== VIDEOS) {
      throw new Error(
        `paged read returned ${apiRead.count} (Data API) / ${pgRead.count} (pg) of ${VIDEOS} rows`,
      );
    }
    if (server.stats.maxResponseBytes > MIB) {
      throw new Error(`a Data API response was ${server.stats.maxResponseBytes} bytes, over 1 MiB`);
    }
    const [pgPaged, apiPaged] = await timedPair(
      PAGED_RUNS,
      1,
      () => readAll(pg),
      () => readAll(dataApi),
    );
    compare(`paged read of ${(apiRead.bytes / 1e6).toFixed(1)} MB`, pgPaged, apiPaged, {
      runs: PAGED_RUNS,
      pages: apiRead.pages,
      maxResponseKiB: Math.round(server.stats.maxResponseBytes / 1024),
    });

    writeResult('dataApi', rows, {
      scale: { videos: VIDEOS, channels: CHANNELS },
      backend: 'PostgreSQL server (fresh database)',
      path: 'Data API adapter → RDSDataClient (SigV4, HTTP/1.1 keep-alive) → local endpoint → pg pool',
    });
    const aggregate = rows.find((r) => String(r.part).startsWith('aggregate'))!;
    console.log(`aggregate ratio ${aggregate.ratio} (target <= 1.5)`);
  } finally {
    await dataApi.close();
    rds.destroy();
    await server.close();
    await pg.close();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.close();
  }
}

await main();
