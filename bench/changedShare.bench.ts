// The incremental refresh's threshold, MAX_CHANGED_SHARE (functions/refresh/publish/readChannelIndex.ts;
// docs/refresh.md, "Incremental runs"): past that share of changed channels a run reads the whole
// channel index (one pass over every video) instead of the changed channels' entries. Measures,
// in one run on the PostgreSQL server, the whole index (the baseline) against the entries of
// 1 to 4,000 channels drawn at random, two rounds after a warm-up, and where the two would meet.
//
//   npm run bench changedShare                        # 10,000 channels / 1,000,000 videos / 30 days
//   TUBELENS_BENCH_CHANGED_SHAPE=1000/100000/30 npm run bench changedShare
//   TUBELENS_BENCH_CHANGED_DATABASE_URL=postgres://... reuses a generated, migrated database
//                                                     (generating 1 M videos takes about 4 minutes)
import { randomBytes } from 'node:crypto';
import { generateDataset } from '../db/generate/generateDataset.ts';
import { migrate } from '../db/migrate.ts';
import { queryChannelIndex, queryChannelIndexEntries } from '../db/reports/index.ts';
import { openPgClient } from '../db/sql/pgClient.ts';
import { MAX_CHANGED_SHARE } from '../functions/refresh/publish/readChannelIndex.ts';
import { writeResult } from './support/results.ts';
import { round, timed } from './support/timing.ts';

const adminUrl =
  process.env.TUBELENS_BENCH_DATABASE_URL ??
  process.env.TUBELENS_TEST_DATABASE_URL ??
  'postgres://postgres@127.0.0.1:5432/test';
const reuseUrl = process.env.TUBELENS_BENCH_CHANGED_DATABASE_URL;
const [channels, videos, days] = (process.env.TUBELENS_BENCH_CHANGED_SHAPE ?? '10000/1000000/30')
  .split('/')
  .map(Number) as [number, number, number];
const COUNTS = [1, 10, 100, 500, 1000, 2000, 4000];
const ROUNDS = 2;

const seconds = async (work: () => Promise<unknown>) => (await timed(work))[1];

const dbName = `tubelens_bench_changed_${randomBytes(3).toString('hex')}`;
const admin = openPgClient({ connectionString: adminUrl, max: 1 });
const url = new URL(adminUrl);
url.pathname = `/${dbName}`;
if (!reuseUrl) await admin.query(`CREATE DATABASE ${dbName}`);
const db = openPgClient({ connectionString: reuseUrl ?? url.toString(), max: 2 });
try {
  if (!reuseUrl) {
    await migrate(db);
    const generate = await seconds(() => generateDataset(db, { channels, videos, days }));
    console.log(`generated ${channels}/${videos}/${days} in ${generate.toFixed(1)} s`);
    await db.query('VACUUM ANALYZE');
  }
  // A random sample, the same for every count (the first n of one shuffled list).
  const { rows: ids } = await db.query<{ channel_id: string }>(
    'SELECT channel_id FROM channels ORDER BY md5(channel_id)',
  );
  const sample = ids.map((r) => r.channel_id);
  await queryChannelIndex(db);
  const whole: number[] = [];
  const entries = new Map<number, number[]>(COUNTS.map((n) => [n, []]));
  for (let r = 0; r < ROUNDS; r += 1) {
    whole.push(await seconds(() => queryChannelIndex(db)));
    for (const n of COUNTS)
      entries.get(n)!.push(await seconds(() => queryChannelIndexEntries(db, sample.slice(0, n))));
  }
  const wholeS = Math.min(...whole);
  const rows = [
    { read: `whole index, ${sample.length} channels (baseline)`, seconds: round(wholeS, 3), ratio: 1 },
    ...COUNTS.filter((n) => n <= sample.length).map((n) => {
      const s = Math.min(...entries.get(n)!);
      return { read: `entries of ${n} channels`, seconds: round(s, 3), ratio: round(s / wholeS, 3) };
    }),
  ];
  // Seconds per channel from the largest sample, and the share at which it would equal the pass.
  const largest = COUNTS.filter((n) => n <= sample.length).at(-1)!;
  const perChannel = Math.min(...entries.get(largest)!) / largest;
  const { rows: counted } = await db.query<{ videos: number; days: number }>(
    'SELECT (SELECT count(*) FROM videos)::int AS videos, (SELECT count(DISTINCT day) FROM video_daily_stats)::int AS days',
  );
  const summary = {
    shape: `${sample.length}/${counted[0]!.videos}/${counted[0]!.days}${reuseUrl ? ' (reused)' : ''}`,
    rounds: ROUNDS,
    perChannelMs: round(perChannel * 1000, 3),
    crossoverShare: round(wholeS / perChannel / sample.length, 2),
    maxChangedShare: MAX_CHANGED_SHARE,
  };
  console.table([summary]);
  writeResult('changedShare', rows, { summary });
} finally {
  await db.close();
  if (!reuseUrl) await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await admin.close();
}
