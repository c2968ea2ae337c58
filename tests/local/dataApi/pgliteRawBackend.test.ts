import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPgliteClient } from '../../../db/sql/pgliteClient.ts';
import { openPgliteRawBackend } from '../../../local/dataApi/pgliteRawBackend.ts';

describe('openPgliteRawBackend', () => {
  let sql: Awaited<ReturnType<typeof openPgliteClient>>;
  beforeAll(async () => {
    sql = await openPgliteClient();
  });
  afterAll(async () => {
    await sql?.close();
  });

  it('returns every value as PostgreSQL text', async () => {
    const backend = openPgliteRawBackend(sql.db);
    const result = await backend.withConnection((ex) =>
      ex.run({
        text: "SELECT 9007199254740993::int8, '2020-01-02 03:04:05.123456'::timestamp, '\\x01'::bytea, ARRAY[1,2], $1::text",
        values: ['x'],
      }),
    );
    expect(result.rows).toEqual([['9007199254740993', '2020-01-02 03:04:05.123456', '\\x01', '{1,2}', 'x']]);
  });

  it('makes a call wait while a transaction holds the connection, and says so when it waits long', async () => {
    const warnings: string[] = [];
    const backend = openPgliteRawBackend(sql.db, (line) => warnings.push(line), 50);
    const session = await backend.begin();
    await session.run({ text: 'CREATE TABLE held (x int)', values: [] });
    let done = false;
    const outside = backend
      .withConnection((ex) => ex.run({ text: "SELECT to_regclass('held')::text", values: [] }))
      .finally(() => {
        done = true;
      });
    while (warnings.length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(done).toBe(false);
    expect(warnings[0]).toMatch(/waited 0.05 s for PGlite's one connection/);
    await session.rollback();
    // The call ran after the rollback: the table it looked for is gone.
    expect((await outside).rows).toEqual([[null]]);
  });
});
