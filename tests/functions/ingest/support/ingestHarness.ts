import { openDataApiClient } from '../../../../db/dataApi/openDataApiClient.ts';
import type { SqlClient, SqlExecutor } from '../../../../db/sql/SqlClient.ts';
import {
  createHttpYouTubeApi,
  type HttpYouTubeApiOptions,
} from '../../../../functions/ingest/youtube/createHttpYouTubeApi.ts';
import type { YouTubeApi } from '../../../../functions/ingest/youtube/YouTubeApi.ts';
import { dataApiClientOptions } from '../../../../functions/shared/dataApiClientOptions.ts';
import { dataApiEnv } from '../../../../local/dataApi/dataApiEnv.ts';
import { type DataApiServer, startDataApiServer } from '../../../../local/dataApi/startDataApiServer.ts';
import type { FakeYouTubeData } from '../../../../local/youtubeApi/FakeYouTubeData.ts';
import {
  type FakeYouTubeApi,
  startFakeYouTubeApi,
} from '../../../../local/youtubeApi/startFakeYouTubeApi.ts';
import { API_KEY } from './apiKey.ts';

export { API_KEY };

export interface IngestHarness {
  /** The test database reached through the local Data API endpoint, as in AWS. */
  readonly sql: SqlClient;
  readonly dataApi: DataApiServer;
  readonly youtubeServer: FakeYouTubeApi;
  readonly youtube: YouTubeApi;
  /** Backoff waits the client asked for, in ms (none really happen). */
  readonly sleeps: number[];
  close(): Promise<void>;
}

/** The Data API endpoint over `db`, a fake YouTube API over `data`, and a client for each. */
export async function openIngestHarness(
  db: SqlClient,
  data: FakeYouTubeData,
  options: { quotaLimit?: number; client?: Partial<HttpYouTubeApiOptions> } = {},
): Promise<IngestHarness> {
  const dataApi = await startDataApiServer({ sql: db });
  const sql = openDataApiClient(dataApiClientOptions(dataApiEnv(dataApi)));
  const youtubeServer = await startFakeYouTubeApi({
    data,
    apiKey: API_KEY,
    ...(options.quotaLimit ? { quotaLimit: options.quotaLimit } : {}),
  });
  const sleeps: number[] = [];
  const youtube = createHttpYouTubeApi({
    apiKey: API_KEY,
    baseUrl: youtubeServer.url,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    ...options.client,
  });
  return {
    sql,
    dataApi,
    youtubeServer,
    youtube,
    sleeps,
    async close() {
      await sql.close();
      await dataApi.close();
      await youtubeServer.close();
    },
  };
}

/** Empties every table the ingest touches, so each test starts from nothing. */
export async function resetDatabase(db: SqlExecutor): Promise<void> {
  await db.query(
    `TRUNCATE channels, categories, ingest_quota_usage, ingest_runs, ingest_unavailable_videos, job_locks CASCADE`,
  );
}

/** Every row of the tables a report reads, in a stable order: equal dumps mean nothing changed. */
export async function dumpDomain(db: SqlExecutor): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const [table, key] of [
    ['channels', 'channel_id'],
    ['videos', 'video_id'],
    ['video_daily_stats', 'video_id, day'],
    ['channel_daily_stats', 'channel_id, day'],
    ['categories', 'category_id'],
  ] as const) {
    out[table] = (await db.query(`SELECT * FROM ${table} ORDER BY ${key}`)).rows;
  }
  return out;
}

/**
 * What "consistent" means after any stop: every video has its details and the snapshot of its
 * stats_day with the same counts, no video is both queued and stored, and every snapshot belongs
 * to a stored video. Returns the problems found (empty when consistent).
 */
export async function consistencyProblems(db: SqlExecutor): Promise<string[]> {
  const checks: [string, string][] = [
    [
      'video without its stats_day snapshot',
      `SELECT v.video_id FROM videos v WHERE NOT v.removed AND v.views IS NOT NULL AND NOT EXISTS (
         SELECT 1 FROM video_daily_stats s WHERE s.video_id = v.video_id AND s.day = v.stats_day
           AND s.views = v.views AND s.likes IS NOT DISTINCT FROM v.likes AND s.comments IS NOT DISTINCT FROM v.comments)`,
    ],
    ['video without details', 'SELECT video_id FROM videos WHERE stats_day IS NULL OR title IS NULL'],
    [
      'video both queued and stored',
      'SELECT q.video_id FROM ingest_video_queue q JOIN videos v USING (video_id)',
    ],
    [
      'tracked channel without channels row',
      'SELECT t.channel_id FROM tracked_channels t LEFT JOIN channels c USING (channel_id) WHERE c.channel_id IS NULL',
    ],
    ['run still marked running', `SELECT run_id::text FROM ingest_runs WHERE status = 'running'`],
    ['lock left behind', `SELECT name FROM job_locks WHERE name = 'ingest'`],
  ];
  const problems: string[] = [];
  for (const [what, sql] of checks) {
    const { rows } = await db.query(sql);
    if (rows.length) problems.push(`${what}: ${rows.map((r) => Object.values(r)[0]).join(', ')}`);
  }
  return problems;
}
