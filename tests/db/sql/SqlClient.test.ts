import { describe, expect, it } from 'vitest';
import { param } from '../../../db/sql/param.ts';
import { describeEachBackend } from '../../support/backends.ts';

describeEachBackend('SqlClient', (db) => {
  it('decodes every supported type to the port’s JavaScript types', async () => {
    const { rows } = await db().client.query(
      `SELECT 1::int4 AS i4, 9007199254740993::int8 AS i8, 1.50::numeric AS num, 2.5::float8 AS f8,
              true AS b, 'x' AS t, '2020-01-02'::date AS d, '2020-01-02 03:04:05.123'::timestamp AS ts,
              '2020-01-02 03:04:05+02'::timestamptz AS tstz, '{"a":1}'::jsonb AS j, '\\x0102'::bytea AS bin,
              ARRAY['a','b c',NULL] AS arr, ARRAY[1,2]::int8[] AS arr8, NULL::text AS n`,
    );
    expect(rows[0]).toEqual({
      i4: 1,
      i8: 9007199254740993n,
      num: '1.50',
      f8: 2.5,
      b: true,
      t: 'x',
      d: '2020-01-02',
      ts: new Date('2020-01-02T03:04:05.123Z'),
      tstz: new Date('2020-01-02T01:04:05Z'),
      j: { a: 1 },
      bin: Uint8Array.from([1, 2]),
      arr: ['a', 'b c', null],
      arr8: [1n, 2n],
      n: null,
    });
  });

  it('binds parameters without splicing them into the SQL text', async () => {
    const hostile = "'; DROP TABLE videos; --";
    const { rows } = await db().client.query<{ v: string }>('SELECT $1 AS v', [hostile]);
    expect(rows[0]?.v).toBe(hostile);
    const tables = await db().client.query(
      "SELECT 1 FROM information_schema.tables WHERE table_name = 'videos'",
    );
    expect(tables.rowCount).toBe(1);
  });

  it('binds plain strings as varchar, so an un-hinted uuid comparison fails as on the Data API', async () => {
    await expect(
      db().client.query('SELECT $1 = gen_random_uuid() AS same', ['a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11']),
    ).rejects.toThrow(/operator does not exist: character varying = uuid/);
    const hinted = await db().client.query<{ same: boolean }>('SELECT $1 = $1 AS same', [
      param.uuid('a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'),
    ]);
    expect(hinted.rows[0]?.same).toBe(true);
  });

  it('rolls a transaction back when its function throws', async () => {
    const { client } = db();
    await client.query("INSERT INTO categories (category_id, title) VALUES (901, 'kept')");
    await expect(
      client.transaction(async (tx) => {
        await tx.query("INSERT INTO categories (category_id, title) VALUES (902, 'lost')");
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const { rows } = await client.query<{ id: number }>(
      'SELECT category_id AS id FROM categories WHERE category_id > 900 ORDER BY 1',
    );
    expect(rows).toEqual([{ id: 901 }]);
  });

  it('reports rows affected by a write', async () => {
    const result = await db().client.query("UPDATE categories SET title = 'x' WHERE category_id = 901");
    expect(result.rowCount).toBe(1);
  });

  it('runs every database in UTF8 with a UTF-8 character type, as Aurora does', async () => {
    const { rows } = await db().client.query<{ encoding: string; ctype: string }>(
      `SELECT pg_encoding_to_char(encoding) AS encoding, datctype AS ctype
       FROM pg_database WHERE datname = current_database()`,
    );
    expect(rows[0]!.encoding).toBe('UTF8');
    expect(rows[0]!.ctype).toMatch(/utf-?8/i);
    if (db().backend === 'embedded') {
      const { rows: version } = await db().client.query<{ v: number }>(
        "SELECT current_setting('server_version_num')::int AS v",
      );
      expect(Math.floor(version[0]!.v / 10_000)).toBe(17);
    }
  });
});

describe('param', () => {
  it('rejects a malformed typed parameter before it reaches the database', () => {
    expect(() => param.uuid('not-a-uuid')).toThrow(/not a valid uuid/);
    expect(() => param.date('2020-13')).toThrow(/not a valid date/);
  });
});
