import { param } from '../../../db/sql/param.ts';
import type { SqlClient, SqlParam } from '../../../db/sql/SqlClient.ts';

/**
 * A small fixture over the real schema and the queries run against it through every adapter.
 * The catalogue covers each decoded type, parameters of each kind, aggregates, window functions,
 * JSON unpacking (the port's replacement for array parameters), DML row counts and empty results.
 */
export async function seedCatalogueFixture(client: SqlClient) {
  await client.query(
    `INSERT INTO categories (category_id, title) VALUES (10, 'Music'), (24, 'Entertainment')`,
  );
  await client.query(
    `INSERT INTO channels (channel_id, title, published_at, subscriber_count, view_count, video_count)
     VALUES ('UCa', 'Alpha', '2015-03-01 10:00:00+00', 9007199254740993, 123456789012, 3),
            ('UCb', 'Beta "quoted"', '2018-07-15 23:30:00.123456+00', 42, 0, 1)`,
  );
  await client.query(
    `INSERT INTO videos (video_id, channel_id, title, description, published_at, duration_seconds, category_id,
                         tags, views, likes, dislikes, comments, stats_day)
     VALUES ('v1', 'UCa', 'First, with comma', NULL, '2020-01-01 00:00:00+00', 215, 10, '{music,"two words"}',
             1000, 10, 1, 5, '2020-02-01'),
            ('v2', 'UCa', 'Ünïcødé ✓', 'desc', '2020-06-15 12:34:56.789+00', NULL, 24, '{}', 5000000000, 7, NULL, 0, '2020-07-01'),
            ('v3', 'UCa', 'Third', 'x', '2021-12-31 23:59:59+00', 3600, 10, '{a,NULL,c}', 0, 0, 0, 0, NULL),
            ('v4', 'UCb', 'Only', '', '2019-05-05 05:05:05+00', 60, NULL, '{x}', 77, NULL, NULL, NULL, '2019-05-06')`,
  );
  await client.query(
    `INSERT INTO video_daily_stats (video_id, day, views, likes)
     SELECT v, d::date, (row_number() OVER ())::bigint * 100, NULL
     FROM unnest(ARRAY['v1', 'v2']) v, generate_series('2020-07-01'::date, '2020-07-05'::date, '1 day') d`,
  );
  await client.query(
    `INSERT INTO refresh_runs (kind, status, generation, finished_at, reports_written)
     VALUES ('full', 'succeeded', 'g1', '2024-01-01 00:00:01+00', 12)`,
  );
}

export interface CatalogueQuery {
  readonly name: string;
  readonly sql: string;
  readonly params?: readonly SqlParam[];
}

export const queryCatalogue: readonly CatalogueQuery[] = [
  { name: 'every column of videos', sql: 'SELECT * FROM videos ORDER BY video_id' },
  { name: 'every column of channels', sql: 'SELECT * FROM channels ORDER BY channel_id' },
  {
    name: 'videos of a channel by id',
    sql: 'SELECT video_id, title, views FROM videos WHERE channel_id = $1 ORDER BY published_at DESC',
    params: ['UCa'],
  },
  {
    name: 'published in a range (Date parameters)',
    sql: 'SELECT video_id FROM videos WHERE published_at >= $1 AND published_at < $2 ORDER BY 1',
    params: [new Date('2020-01-01T00:00:00Z'), new Date('2021-01-01T00:00:00Z')],
  },
  {
    name: 'stats on a day (date parameter)',
    sql: 'SELECT video_id, views FROM video_daily_stats WHERE day = $1 ORDER BY video_id',
    params: [param.date('2020-07-03')],
  },
  {
    name: 'a page of ids as JSON',
    sql: `SELECT v.video_id, v.title FROM jsonb_array_elements_text($1) AS ids(id)
          JOIN videos v ON v.video_id = ids.id ORDER BY v.video_id`,
    params: [param.json(['v2', 'v4', 'missing'])],
  },
  {
    name: 'aggregates per channel',
    sql: `SELECT channel_id, count(*) AS videos, sum(views) AS views, avg(views) AS mean,
                 avg(views)::float8 AS mean_f, max(published_at) AS latest, min(stats_day) AS first_day,
                 bool_or(comments_disabled) AS any_disabled, array_agg(video_id ORDER BY video_id) AS ids
          FROM videos GROUP BY channel_id ORDER BY channel_id`,
  },
  {
    name: 'window function and rank',
    sql: `SELECT video_id, rank() OVER (ORDER BY views DESC)::int AS rank,
                 views::numeric / nullif(sum(views) OVER (), 0) AS share
          FROM videos ORDER BY video_id`,
  },
  {
    name: 'JSON built in SQL',
    sql: `SELECT channel_id, jsonb_agg(jsonb_build_object('id', video_id, 'views', views) ORDER BY video_id) AS items,
                 json_build_object('n', count(*)) AS summary
          FROM videos GROUP BY channel_id ORDER BY channel_id`,
  },
  {
    name: 'monthly uploads (date_trunc, timestamp without zone)',
    sql: `SELECT date_trunc('month', published_at AT TIME ZONE 'UTC') AS month, count(*)::int AS uploads
          FROM videos GROUP BY 1 ORDER BY 1`,
  },
  {
    name: 'parameters of every kind',
    sql: `SELECT $1::text AS s, $2::int AS i, $3::int8 AS big, $4::float8 AS f, $5::boolean AS b, $6 AS ts,
                 $7 AS d, $8 AS u, $9 AS n, $10 AS j, $11 AS bin, $12::text AS nothing, $13 AS t`,
    params: [
      "it's",
      7,
      9223372036854775807n,
      0.1,
      false,
      new Date('2024-02-29T12:00:00.001Z'),
      param.date('2024-02-29'),
      param.uuid('a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'),
      param.decimal('12345678901234567890.000000001'),
      param.json({ nested: [1, 'two', null] }),
      Uint8Array.from([0, 255, 10]),
      null,
      param.time('12:34:56.5'),
    ],
  },
  // run_id is an identity column: AWS's JDBC driver names its type bigserial.
  { name: 'an identity column', sql: 'SELECT * FROM refresh_runs ORDER BY run_id' },
  { name: 'an empty result', sql: 'SELECT video_id, views FROM videos WHERE false' },
  {
    name: 'an update with a row count',
    sql: 'UPDATE videos SET removed = removed WHERE channel_id = $1',
    params: ['UCa'],
  },
  {
    name: 'an insert returning rows',
    sql: `INSERT INTO categories (category_id, title) VALUES ($1, $2)
          ON CONFLICT (category_id) DO UPDATE SET title = EXCLUDED.title RETURNING category_id, title, assignable`,
    params: [99, 'Pets'],
  },
  { name: 'a statement without rows', sql: "SET application_name = 'catalogue'" },
];
