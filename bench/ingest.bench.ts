// Ingest: quota units and wall time for tracking many channels against the local fake YouTube
// Data API, against the fewest calls the API allows for the same data, measured in one run.
//
//   npm run bench ingest
//   TUBELENS_BENCH_INGEST_CHANNELS=20 TUBELENS_BENCH_INGEST_VIDEOS=2000 npm run bench ingest
//
// Data: N synthetic channels with M uploads each (local/youtubeApi/syntheticChannels.ts), served
// on loopback. The database is the embedded PostgreSQL behind the local Data API endpoint (the
// path `tubelens ingest` and the Lambda take). Rows:
// - first day: everything new. Minimum = ceil(N/50) channels.list + N x ceil(M/50) pages +
//   ceil(N*M/50) videos.list.
// - next day: every video refreshed. Minimum = ceil(N/50) + N top pages (new uploads cannot be
//   seen without one page per channel) + ceil(N*M/50).
// - api only: the first day's minimum calls with no database, as the wall-time baseline.
import { openDataApiClient } from '../db/dataApi/openDataApiClient.ts';
import { migrate } from '../db/migrate.ts';
import { param } from '../db/sql/param.ts';
import { openPgClient } from '../db/sql/pgClient.ts';
import { runIngest } from '../functions/ingest/runIngest.ts';
import { createHttpYouTubeApi } from '../functions/ingest/youtube/createHttpYouTubeApi.ts';
import { dataApiClientOptions } from '../functions/shared/dataApiClientOptions.ts';
import { dataApiEnv } from '../local/dataApi/dataApiEnv.ts';
import { startDataApiServer } from '../local/dataApi/startDataApiServer.ts';
import { startFakeYouTubeApi } from '../local/youtubeApi/startFakeYouTubeApi.ts';
import { syntheticChannelId, syntheticChannels } from '../local/youtubeApi/syntheticChannels.ts';
import { startBenchServer } from './support/embeddedServer.ts';
import { peakRssMb, writeResult } from './support/results.ts';

const CHANNELS = Number(process.env.TUBELENS_BENCH_INGEST_CHANNELS ?? 100);
const VIDEOS = Number(process.env.TUBELENS_BENCH_INGEST_VIDEOS ?? 500);
const KEY = 'AIzaSyBENCH-key-000000000000000000000000';
const calls = (n: number) => Math.ceil(n / 50);

const data = syntheticChannels({ channels: CHANNELS, videosPerChannel: VIDEOS });
const server = await startFakeYouTubeApi({ data, apiKey: KEY, quotaLimit: Number.MAX_SAFE_INTEGER });
const youtube = createHttpYouTubeApi({ apiKey: KEY, baseUrl: server.url });
const embedded = await startBenchServer();
const database = await embedded.freshDatabase();
const db = openPgClient({ connectionString: database.url, max: 4 });
await migrate(db);
const dataApi = await startDataApiServer({ sql: db });
const sql = openDataApiClient(dataApiClientOptions(dataApiEnv(dataApi)));

const rows: Record<string, unknown>[] = [];
const seconds = (ms: number) => Number((ms / 1000).toFixed(1));

// The baseline: the first day's minimum sequence of calls, parsed, with nothing written.
{
  const started = performance.now();
  const ids = Array.from({ length: CHANNELS }, (_, i) => syntheticChannelId(i));
  let units = 0;
  const videoIds: string[] = [];
  for (let i = 0; i < ids.length; i += 50) {
    await youtube.listChannels({ ids: ids.slice(i, i + 50) });
    units += 1;
  }
  for (const id of ids) {
    let pageToken: string | undefined;
    do {
      const page = await youtube.listPlaylistItems({ playlistId: `UU${id.slice(2)}`, pageToken });
      units += 1;
      videoIds.push(...(page?.items ?? []).map((p) => p.snippet.resourceId.videoId));
      pageToken = page?.nextPageToken;
    } while (pageToken);
  }
  for (let i = 0; i < videoIds.length; i += 50) {
    await youtube.listVideos(videoIds.slice(i, i + 50));
    units += 1;
  }
  rows.push({
    run: 'api only (no database)',
    units,
    minimum: units,
    unitsVsMinimum: 1,
    wallS: seconds(performance.now() - started),
  });
}
const apiOnlyMs = (rows[0]?.wallS as number) * 1000;

// Tracked directly, as `tubelens track` leaves them (once, 1 unit per 50 ids; not part of the
// daily cost), with the video count its channels.list saw.
await db.query(
  `INSERT INTO channels (channel_id, title, video_count) SELECT id, id, $2 FROM jsonb_array_elements_text($1) AS id`,
  [param.json(Array.from({ length: CHANNELS }, (_, i) => syntheticChannelId(i))), VIDEOS],
);
await db.query(`INSERT INTO tracked_channels (channel_id) SELECT channel_id FROM channels`);

for (const [run, day, minimum] of [
  [
    'first day',
    '2026-11-20T12:00:00Z',
    calls(CHANNELS) + CHANNELS * calls(VIDEOS) + calls(CHANNELS * VIDEOS),
  ],
  ['next day', '2026-11-21T12:00:00Z', calls(CHANNELS) + CHANNELS + calls(CHANNELS * VIDEOS)],
] as const) {
  const before = dataApi.stats.requests;
  const started = performance.now();
  let lastLog = started;
  const result = await runIngest(
    {
      sql,
      youtube,
      clock: () => new Date(day),
      onProgress: (p) => {
        if (performance.now() - lastLog > 10_000) {
          lastLog = performance.now();
          console.log(`  ${run}: ${p.done} of ~${p.total} units  ${p.detail}`);
        }
      },
    },
    // Lifted so the bench measures the work, not the default 10,000-unit day.
    { dailyQuota: 1_000_000 },
  );
  const ms = performance.now() - started;
  if (result.status !== 'completed') throw new Error(`${run} did not complete: ${result.error}`);
  rows.push({
    run,
    units: result.unitsUsed,
    minimum,
    unitsVsMinimum: Number((result.unitsUsed / minimum).toFixed(3)),
    planned: result.plan.granted,
    byMethod: Object.entries(result.unitsByMethod)
      .map(([m, u]) => `${m.replace('.list', '')} ${u}`)
      .join(', '),
    videosUpdated: result.videosUpdated,
    dataApiCalls: dataApi.stats.requests - before,
    wallS: seconds(ms),
    msPerUnit: Number((ms / result.unitsUsed).toFixed(1)),
    vsApiOnly: Number((ms / apiOnlyMs).toFixed(2)),
  });
}

const { rows: check } = await db.query<{ videos: number; snapshots: number }>(
  `SELECT (SELECT count(*) FROM videos)::int AS videos, (SELECT count(*) FROM video_daily_stats)::int AS snapshots`,
);
if (check[0]?.videos !== CHANNELS * VIDEOS || check[0]?.snapshots !== 2 * CHANNELS * VIDEOS) {
  throw new Error(
    `expected ${CHANNELS * VIDEOS} videos and two snapshots each, got ${JSON.stringify(check[0])}`,
  );
}

await sql.close();
await dataApi.close();
await server.close();
await db.close();
await database.drop();
await embedded.close();
writeResult('ingest', rows, {
  channels: CHANNELS,
  videosPerChannel: VIDEOS,
  database: 'the embedded PostgreSQL 17 via the local Data API endpoint',
  peakRssMb: peakRssMb(),
});
