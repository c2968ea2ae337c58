import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDataApiClient } from '../../../db/dataApi/openDataApiClient.ts';
import { pageByKey } from '../../../db/dataApi/pageByKey.ts';
import { param } from '../../../db/sql/param.ts';
import type { Row, SqlClient, SqlExecutor } from '../../../db/sql/SqlClient.ts';
import { type EndpointUnderTest, startEndpoint } from '../../local/dataApi/dataApiTestClient.ts';
import { describeEachBackend } from '../../support/backends.ts';

async function collect<R extends Row>(pages: AsyncIterable<R[]>) {
  const sizes: number[] = [];
  const rows: R[] = [];
  for await (const page of pages) {
    sizes.push(page.length);
    rows.push(...page);
  }
  return { sizes, rows };
}

describeEachBackend('pageByKey', (db) => {
  let api: EndpointUnderTest;
  let client: SqlClient;
  beforeAll(async () => {
    // 3,000 videos of ~500 bytes each: about 2.5 MB through the Data API, well over 1 MiB.
    await db().client.query(
      `INSERT INTO channels (channel_id, title) VALUES ('UCp', 'Paged'), ('UCq', 'Other')`,
    );
    await db().client.query(
      `INSERT INTO videos (video_id, channel_id, title, description, published_at)
       SELECT 'v' || lpad(g::text, 5, '0'), CASE WHEN g % 10 = 0 THEN 'UCq' ELSE 'UCp' END, 'title ' || g,
              repeat('d', 400), TIMESTAMPTZ '2020-01-01' + g * interval '1 hour'
       FROM generate_series(1, 3000) g`,
    );
    api = await startEndpoint(db().client);
    client = openDataApiClient({ ...api.target, rds: api.rds });
  });
  afterAll(async () => {
    await client?.close();
    await api?.close();
  });

  it('reads every row once, in key order, with no Data API response over 1 MiB', async () => {
    const progress: number[] = [];
    const { rows, sizes } = await collect(
      pageByKey<{ video_id: string }>(client, {
        sql: 'SELECT video_id, title, description FROM videos',
        key: 'video_id',
        pageSize: 1000,
        onProgress: (p) => progress.push(p.rows),
      }),
    );
    expect(rows).toHaveLength(3000);
    expect(rows.map((r) => r.video_id)).toEqual([...rows.map((r) => r.video_id)].sort());
    expect(new Set(rows.map((r) => r.video_id)).size).toBe(3000);
    expect(sizes).toEqual([1000, 1000, 1000]);
    expect(progress).toEqual([1000, 2000, 3000]);
    expect(api.server.stats.maxResponseBytes).toBeLessThan(1024 * 1024);
  });

  it('halves the page and asks again when a page is over the response limit', async () => {
    const progress: number[] = [];
    const { rows, sizes } = await collect(
      pageByKey(client, {
        sql: 'SELECT video_id, description FROM videos',
        key: 'video_id',
        pageSize: 3000,
        onProgress: (p) => progress.push(p.pageSize),
      }),
    );
    expect(rows).toHaveLength(3000);
    expect(Math.max(...sizes)).toBeLessThan(3000);
    expect(progress.every((size) => size === progress[0])).toBe(true);
    expect(api.server.stats.errors.BadRequestException).toBeGreaterThan(0);
  });

  it('keeps the caller’s parameters and filters, with a composite key and a row limit', async () => {
    const { rows } = await collect(
      pageByKey<{ channel_id: string; published_at: Date }>(client, {
        sql: 'SELECT channel_id, published_at, video_id FROM videos WHERE channel_id = $1 AND published_at >= $2',
        params: ['UCq', new Date('2020-01-05T00:00:00Z')],
        key: ['channel_id', 'published_at'],
        pageSize: 7,
        limitRows: 20,
      }),
    );
    expect(rows).toHaveLength(20);
    expect(rows.every((r) => r.channel_id === 'UCq')).toBe(true);
    expect(rows[0]?.published_at).toEqual(new Date('2020-01-05T04:00:00Z'));
  });

  it('turns key values back into typed parameters through keyParam', async () => {
    await db().client.query(
      `CREATE TABLE paged_uuid AS SELECT gen_random_uuid() AS id, g FROM generate_series(1, 50) g`,
    );
    const { rows } = await collect(
      pageByKey<{ id: string }>(client, {
        sql: 'SELECT id, g FROM paged_uuid',
        key: 'id',
        pageSize: 8,
        keyParam: (value) => param.uuid(value as string),
      }),
    );
    expect(new Set(rows.map((r) => r.id)).size).toBe(50);
  });

  it('gives the same pages through the direct adapter', async () => {
    const direct: SqlExecutor = db().client;
    const options = {
      sql: 'SELECT video_id, title FROM videos WHERE channel_id = $1',
      params: ['UCq'],
      key: 'video_id',
      pageSize: 50,
    };
    expect(await collect(pageByKey(direct, options))).toEqual(await collect(pageByKey(client, options)));
  });

  it('rejects a key that is not a plain column name and a page size below 1', async () => {
    await expect(
      collect(pageByKey(client, { sql: 'SELECT 1 AS a', key: 'a; DROP TABLE x', pageSize: 1 })),
    ).rejects.toThrow(RangeError);
    await expect(collect(pageByKey(client, { sql: 'SELECT 1 AS a', key: 'a', pageSize: 0 }))).rejects.toThrow(
      RangeError,
    );
  });
});
