import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDataApiClient } from '../../../db/dataApi/openDataApiClient.ts';
import { directoryObjectStore } from '../../../functions/refresh/objectStore/index.ts';
import { refreshReports } from '../../../functions/refresh/refreshReports.ts';
import { dataApiClientOptions } from '../../../functions/shared/dataApiClientOptions.ts';
import { dataApiEnv } from '../../../local/dataApi/dataApiEnv.ts';
import { type DataApiServer, startDataApiServer } from '../../../local/dataApi/startDataApiServer.ts';
import { describeEachBackend } from '../../support/backends.ts';
import { readPublication } from './support/readPublication.ts';

describeEachBackend('refreshReports under the Data API response limit', (db) => {
  let server: DataApiServer;
  let dir: string;
  beforeAll(async () => {
    const { client } = db();
    // Four channels of 150 videos with long titles: ~50 KB of details each, ~200 KB together.
    await client.query(
      `INSERT INTO channels (channel_id, title) SELECT 'UCbig' || c, 'Big ' || c FROM generate_series(1, 4) c`,
    );
    await client.query(
      `INSERT INTO videos (video_id, channel_id, title, published_at, views, likes, comments, stats_day)
       SELECT 'big' || c || '_' || i, 'UCbig' || c, repeat('long title ', 12) || i,
              timestamptz '2020-01-01' + i * interval '1 day', i * 10, i, 0, '2020-12-31'
       FROM generate_series(1, 4) c, generate_series(1, 150) i`,
    );
    // 64 KB: a batch of all four channels is refused, a single channel fits.
    server = await startDataApiServer({ sql: client, limits: { maxResponseBytes: 64 * 1024 } });
    dir = await mkdtemp(path.join(os.tmpdir(), 'tubelens-limits-'));
  });
  afterAll(async () => {
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('halves a channel batch the Data API refuses as too large, and publishes every channel', async () => {
    const sql = openDataApiClient(dataApiClientOptions(dataApiEnv(server)));
    try {
      const result = await refreshReports({ sql, store: directoryObjectStore(dir) });
      expect(result).toMatchObject({ status: 'published', channelsComputed: 4 });
      expect(server.stats.errors).not.toEqual({});
      expect(server.stats.maxResponseBytes).toBeLessThanOrEqual(64 * 1024);
      const pub = await readPublication(directoryObjectStore(dir));
      for (let c = 1; c <= 4; c += 1) expect((await pub.channel(`UCbig${c}`))?.videosListed).toBe(150);
    } finally {
      await sql.close();
    }
  });
});
