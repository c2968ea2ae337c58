import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachBackend } from '../../support/backends.ts';
import { type EndpointUnderTest, failureOf, startEndpoint } from './dataApiTestClient.ts';

describeEachBackend('local Data API: Field types', (db) => {
  let api: EndpointUnderTest;
  beforeAll(async () => {
    api = await startEndpoint(db().client);
    await api.execute({ sql: "CREATE TYPE mood AS ENUM ('sad', 'happy')" });
  });
  afterAll(async () => {
    await api?.close();
  });

  it('returns each PostgreSQL type as the Field member AWS uses', async () => {
    const out = await api.execute({
      sql: `SELECT 7::int2 AS i2, 42::int4 AS i4, 9007199254740993::int8 AS i8, 19.99::numeric(6,2) AS num,
                   123456.7890::numeric AS num_free, 1.5::float4 AS f4, 2.25::float8 AS f8, true AS b,
                   'text'::text AS t, 'v'::varchar(5) AS v, 'c'::char(3) AS c,
                   '2020-01-02'::date AS d, '22:41:05'::time AS tm,
                   '2021-03-10 22:41:04.968123'::timestamp AS ts, '2021-03-10 22:41:04.500'::timestamp AS ts_trim,
                   '2021-03-10 22:41:04+02'::timestamptz AS tstz, '10:00:00+02'::timetz AS ttz,
                   '{"a": [1, 2]}'::jsonb AS jb, '{"b":1}'::json AS j,
                   'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid AS u, 'happy'::mood AS e,
                   '\\x68656c6c6f'::bytea AS bin, '192.168.0.1'::inet AS ip, 26::oid AS o,
                   pg_sleep(0) AS v0, NULL::int AS n`,
    });
    expect(out.records?.[0]).toEqual([
      { longValue: 7 },
      { longValue: 42 },
      // The SDK reads longValue into a JS number: beyond 2^53 it loses precision (AWS documents
      // this; the adapter asks for longReturnType STRING instead).
      { longValue: 9007199254740992 },
      { stringValue: '19.99' },
      { stringValue: '123456.7890' },
      { doubleValue: 1.5 },
      { doubleValue: 2.25 },
      { booleanValue: true },
      { stringValue: 'text' },
      { stringValue: 'v' },
      { stringValue: 'c  ' },
      { stringValue: '2020-01-02' },
      { stringValue: '22:41:05' },
      { stringValue: '2021-03-10 22:41:04.968123' },
      { stringValue: '2021-03-10 22:41:04.5' },
      { stringValue: '2021-03-10 20:41:04' },
      { stringValue: '08:00:00' },
      { stringValue: '{"a": [1, 2]}' },
      { stringValue: '{"b":1}' },
      { stringValue: 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11' },
      { stringValue: 'happy' },
      { blobValue: Uint8Array.from(Buffer.from('hello')) },
      { stringValue: '192.168.0.1' },
      { stringValue: '26' },
      { stringValue: '' },
      { isNull: true },
    ]);
    expect(out.numberOfRecordsUpdated).toBe(0);
    expect(out.columnMetadata).toBeUndefined();
    expect(out.formattedRecords).toBeUndefined();
  });

  it('converts timestamptz to UTC whatever the session time zone', async () => {
    const { transactionId } = await api.rds.send(
      new (await import('@aws-sdk/client-rds-data')).BeginTransactionCommand(api.target),
    );
    await api.execute({ sql: "SET LOCAL TIME ZONE 'Asia/Kolkata'", transactionId });
    const out = await api.execute({
      sql: "SELECT '2021-03-10 05:00:00.25+00'::timestamptz AS t, '2021-01-01 00:10:00+05:30'::timestamptz AS u",
      transactionId,
    });
    await api.rds.send(
      new (await import('@aws-sdk/client-rds-data')).RollbackTransactionCommand({
        ...api.target,
        transactionId,
      }),
    );
    expect(out.records?.[0]).toEqual([
      { stringValue: '2021-03-10 05:00:00.25' },
      { stringValue: '2020-12-31 18:40:00' },
    ]);
  });

  it('returns arrays as arrayValue with nulls kept', async () => {
    const out = await api.execute({
      sql: `SELECT ARRAY[1, NULL, 3]::int4[] AS ints, ARRAY[1.5, 2]::float8[] AS floats, ARRAY['a', 'b c']::text[] AS texts,
                   ARRAY[true, false] AS bools, ARRAY[1.10]::numeric[] AS nums, '{}'::int8[] AS empty,
                   ARRAY['2020-01-01']::date[] AS dates`,
    });
    expect(out.records?.[0]).toEqual([
      { arrayValue: { longValues: [1, null, 3] } },
      { arrayValue: { doubleValues: [1.5, 2] } },
      { arrayValue: { stringValues: ['a', 'b c'] } },
      { arrayValue: { booleanValues: [true, false] } },
      { arrayValue: { stringValues: ['1.10'] } },
      { arrayValue: { longValues: [] } },
      { arrayValue: { stringValues: ['2020-01-01'] } },
    ]);
  });

  it('answers UnsupportedResultException for types the Data API cannot return', async () => {
    for (const sql of [
      'SELECT 12.5::money AS m',
      "SELECT '(1,2)'::point AS p",
      "SELECT '08:00:2b:01:02:03'::macaddr AS mac",
      "SELECT '[1,5)'::int4range AS r",
      'SELECT ARRAY[[1, 2], [3, 4]] AS grid',
    ]) {
      const failure = await failureOf(api.execute({ sql }));
      expect(failure, sql).toMatchObject({ name: 'UnsupportedResultException', status: 400 });
      expect(failure.message).toMatch(
        /^The result contains (the unsupported data type|a multidimensional array)/,
      );
    }
  });

  it('returns int8 and numeric as exact strings, or as long/double, as resultSetOptions ask', async () => {
    const sql =
      'SELECT 9223372036854775807::int8 AS big, 12.50::numeric(5,2) AS price, 7::numeric(3,0) AS whole';
    const asStrings = await api.execute({ sql, resultSetOptions: { longReturnType: 'STRING' } });
    expect(asStrings.records?.[0]).toEqual([
      { stringValue: '9223372036854775807' },
      { stringValue: '12.50' },
      { stringValue: '7' },
    ]);
    const asNumbers = await api.execute({ sql, resultSetOptions: { decimalReturnType: 'DOUBLE_OR_LONG' } });
    expect(asNumbers.records?.[0]?.slice(1)).toEqual([{ doubleValue: 12.5 }, { longValue: 7 }]);
  });

  it('adds columnMetadata only when includeResultMetadata is set', async () => {
    const out = await api.execute({
      sql: 'SELECT 1::int8 AS n, now()::timestamptz AS at, ARRAY[1] AS arr',
      includeResultMetadata: true,
    });
    expect(out.columnMetadata?.map((c) => [c.name, c.label, c.type, c.typeName])).toEqual([
      ['n', 'n', -5, 'int8'],
      ['at', 'at', 93, 'timestamptz'],
      ['arr', 'arr', 2003, '_int4'],
    ]);
    const dml = await api.execute({ sql: "SET application_name = 'x'", includeResultMetadata: true });
    expect(dml.columnMetadata).toBeUndefined();
    expect(dml.records).toBeUndefined();
  });

  it('names auto-increment columns serial/bigserial in columnMetadata, as the JDBC driver does', async () => {
    await api.execute({
      sql: 'CREATE TABLE auto_t (id serial PRIMARY KEY, big bigint GENERATED ALWAYS AS IDENTITY, note text)',
    });
    await api.execute({ sql: "INSERT INTO auto_t (note) VALUES ('x')" });
    const out = await api.execute({
      sql: 'SELECT id, big, note, 1 AS expr FROM auto_t',
      includeResultMetadata: true,
    });
    const columns = out.columnMetadata?.map((c) => [c.name, c.typeName, c.isAutoIncrement, c.nullable]);
    expect(columns).toEqual([
      ['id', 'serial', true, 0],
      ['big', 'bigserial', true, 0],
      ['note', 'text', false, 1],
      ['expr', 'int4', false, 1],
    ]);
  });

  it('formats records as one JSON text with formatRecordsAs JSON', async () => {
    const out = await api.execute({
      sql: `SELECT 1 AS id, 12.5::numeric AS price, 2.5::float8 AS ratio, true AS ok, NULL::text AS missing,
                   ARRAY[1, 2] AS list, '\\x0102'::bytea AS bin, '2020-01-02 03:04:05+00'::timestamptz AS at`,
      formatRecordsAs: 'JSON',
      includeResultMetadata: true,
    });
    expect(out.records).toBeUndefined();
    // The model: columnMetadata "is blank if the formatRecordsAs parameter is set to JSON".
    expect(out.columnMetadata).toBeUndefined();
    expect(JSON.parse(out.formattedRecords!)).toEqual([
      {
        id: 1,
        price: '12.5',
        ratio: 2.5,
        ok: true,
        missing: null,
        list: [1, 2],
        bin: 'AQI=',
        at: '2020-01-02 03:04:05',
      },
    ]);
    const duplicate = await failureOf(api.execute({ sql: 'SELECT 1 AS a, 2 AS a', formatRecordsAs: 'JSON' }));
    expect(duplicate.name).toBe('BadRequestException');
  });

  it('binds string parameters as varchar, so an un-hinted uuid comparison fails exactly as on AWS', async () => {
    const failure = await failureOf(
      api.execute({
        sql: "SELECT 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid = :id AS same",
        parameters: [{ name: 'id', value: { stringValue: 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11' } }],
      }),
    );
    expect(failure).toMatchObject({ name: 'DatabaseErrorException', status: 400, fault: 'client' });
    expect(failure.message).toMatch(
      /^ERROR: operator does not exist: uuid = character varying\n {2}Hint: No operator matches the given name and argument types\. You might need to add explicit type casts\.\n {2}Position: \d+; SQLState: 42883$/,
    );
  });

  it('binds each typeHint as its PostgreSQL type', async () => {
    const out = await api.execute({
      sql: `SELECT :u = 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid AS u, pg_typeof(:ts)::text AS ts,
                   pg_typeof(:d)::text AS d, pg_typeof(:t)::text AS t, :n + 0.005 AS n, pg_typeof(:j)::text AS j,
                   pg_typeof(:l)::text AS l, pg_typeof(:f)::text AS f, pg_typeof(:b)::text AS b, length(:bin) AS bin`,
      parameters: [
        { name: 'u', value: { stringValue: 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11' }, typeHint: 'UUID' },
        { name: 'ts', value: { stringValue: '2020-01-02 03:04:05.123' }, typeHint: 'TIMESTAMP' },
        { name: 'd', value: { stringValue: '2020-01-02' }, typeHint: 'DATE' },
        { name: 't', value: { stringValue: '03:04:05' }, typeHint: 'TIME' },
        { name: 'n', value: { stringValue: '0.1' }, typeHint: 'DECIMAL' },
        { name: 'j', value: { stringValue: '{"a":1}' }, typeHint: 'JSON' },
        { name: 'l', value: { longValue: 1 } },
        { name: 'f', value: { doubleValue: 1.5 } },
        { name: 'b', value: { booleanValue: true } },
        { name: 'bin', value: { blobValue: Uint8Array.from([1, 2, 3]) } },
      ],
    });
    expect(out.records?.[0]).toEqual([
      { booleanValue: true },
      { stringValue: 'timestamp without time zone' },
      { stringValue: 'date' },
      { stringValue: 'time without time zone' },
      { stringValue: '0.105' },
      { stringValue: 'jsonb' },
      { stringValue: 'bigint' },
      { stringValue: 'double precision' },
      { stringValue: 'boolean' },
      { longValue: 3 },
    ]);
  });

  it('keeps a bigint parameter beyond 2^53 exact', async () => {
    const out = await api.execute({
      sql: 'SELECT (:n)::text AS n',
      parameters: [{ name: 'n', value: { longValue: 9223372036854775807n as unknown as number } }],
    });
    expect(out.records?.[0]).toEqual([{ stringValue: '9223372036854775807' }]);
  });

  it('leaves :names inside strings, comments and :: casts alone', async () => {
    const out = await api.execute({
      sql: "SELECT ':x' AS s, /* :x */ :x::int AS v -- :x",
      parameters: [{ name: 'x', value: { stringValue: '5' } }],
    });
    expect(out.records?.[0]).toEqual([{ stringValue: ':x' }, { longValue: 5 }]);
  });

  it('rejects array parameters as AWS does', async () => {
    const failure = await failureOf(
      api.execute({
        sql: 'SELECT :a AS a',
        parameters: [{ name: 'a', value: { arrayValue: { longValues: [1, 2] } } }],
      }),
    );
    expect(failure).toMatchObject({
      name: 'BadRequestException',
      message: 'Array parameters are not supported.',
    });
  });
});
