import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDataApiClient } from '../../../db/dataApi/openDataApiClient.ts';
import { REPORT_TEXT_LIMIT } from '../../../db/reports/sqlFragments.ts';
import { directoryObjectStore } from '../../../functions/refresh/objectStore/index.ts';
import { refreshReports } from '../../../functions/refresh/refreshReports.ts';
import { dataApiClientOptions } from '../../../functions/shared/dataApiClientOptions.ts';
import { dataApiEnv } from '../../../local/dataApi/dataApiEnv.ts';
import { type DataApiServer, startDataApiServer } from '../../../local/dataApi/startDataApiServer.ts';
import { describeEachBackend } from '../../support/backends.ts';
import { readPublication } from './support/readPublication.ts';

// Issue 15: one 100,000-character title stopped every refresh ("Packet for query is too large",
// the Data API's 64 KB row limit) and nothing said which video.
describeEachBackend('refreshReports with an oversized title', (db) => {
  let server: DataApiServer;
  let dir: string;
  const long = (word: string) => `${word} `.repeat(100_000 / (word.length + 1));
  beforeAll(async () => {
    const { client } = db();
    await client.query(
      `INSERT INTO channels (channel_id, title) VALUES ('UClong', $1), ('UCshort', 'Short channel')`,
      [long('チャンネル')],
    );
    await client.query(
      `INSERT INTO videos (video_id, channel_id, title, published_at, views, likes, comments, stats_day)
       VALUES ('longtitle01', 'UCshort', $1, '2020-01-01', 500, 5, 1, '2020-12-31'),
              ('shorttitle1', 'UClong', 'A title of ordinary length', '2020-01-02', 400, 4, 1, '2020-12-31')`,
      [long('ゲーム実況')],
    );
    await client.query(
      `INSERT INTO video_daily_stats (video_id, day, views, likes, comments)
       VALUES ('longtitle01', '2020-12-31', 500, 5, 1), ('shorttitle1', '2020-12-31', 400, 4, 1)`,
    );
    server = await startDataApiServer({ sql: client });
    dir = await mkdtemp(path.join(os.tmpdir(), 'tubelens-oversized-'));
  });
  afterAll(async () => {
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('clips it in every report, marks the cut, and names the video and the channel in the log', async () => {
    const sql = openDataApiClient(dataApiClientOptions(dataApiEnv(server)));
    const warnings: Record<string, unknown>[] = [];
    const log = {
      info() {},
      warn: (message: string, extra?: Record<string, unknown>) => warnings.push({ message, ...extra }),
    };
    try {
      const result = await refreshReports({ sql, store: directoryObjectStore(dir), log, kind: 'full' });
      expect(result).toMatchObject({ status: 'published', channelsComputed: 2 });
    } finally {
      await sql.close();
    }
    const pub = await readPublication(directoryObjectStore(dir));
    const clippedVideo = `${long('ゲーム実況').slice(0, REPORT_TEXT_LIMIT - 1)}…`;
    const clippedChannel = `${long('チャンネル').slice(0, REPORT_TEXT_LIMIT - 1)}…`;
    const top = pub.reports.topVideos as {
      videos: { videoId: string; title: string; channelTitle: string }[];
    };
    expect(top.videos.find((v) => v.videoId === 'longtitle01')?.title).toBe(clippedVideo);
    expect(top.videos.find((v) => v.videoId === 'shorttitle1')?.channelTitle).toBe(clippedChannel);
    const short = await pub.channel('UCshort');
    expect(short?.videos.find((v) => v.videoId === 'longtitle01')?.title).toBe(clippedVideo);
    expect((await pub.channel('UClong'))?.channel.title).toBe(clippedChannel);
    expect(warnings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          videoId: 'longtitle01',
          channelId: 'UCshort',
          characters: long('ゲーム実況').length,
        }),
        expect.objectContaining({ channelId: 'UClong', characters: long('チャンネル').length }),
      ]),
    );
  });
});
