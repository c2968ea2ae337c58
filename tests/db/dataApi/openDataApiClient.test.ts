import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  DataApiQueryError,
  DatabaseResumeTimeoutError,
  TransactionClosedError,
} from '../../../db/dataApi/errors.ts';
import { openDataApiClient } from '../../../db/dataApi/openDataApiClient.ts';
import type { SqlClient, SqlExecutor } from '../../../db/sql/SqlClient.ts';
import { type EndpointUnderTest, startEndpoint } from '../../local/dataApi/dataApiTestClient.ts';
import { describeEachBackend } from '../../support/backends.ts';

describeEachBackend('openDataApiClient', (db) => {
  let api: EndpointUnderTest;
  let client: SqlClient;
  const sleeps: number[] = [];
  let now = 0;
  const retry = {
    now: () => now,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      now += ms;
    },
  };
  const count = async (where: string) =>
    (await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM categories WHERE ${where}`)).rows[0]
      ?.n;

  beforeAll(async () => {
    api = await startEndpoint(db().client);
    client = openDataApiClient({ ...api.target, rds: api.rds, retry });
  });
  afterAll(async () => {
    await client?.close();
    await api?.close();
  });

  it('is the data-api dialect of the port', () => {
    expect(client.dialect).toBe('data-api');
  });

  it('commits a transaction when its function resolves and rolls it back when it throws', async () => {
    const value = await client.transaction(async (tx) => {
      await tx.query('INSERT INTO categories (category_id, title) VALUES ($1, $2)', [1, 'kept']);
      return 'done';
    });
    expect(value).toBe('done');
    await expect(
      client.transaction(async (tx) => {
        await tx.query('INSERT INTO categories (category_id, title) VALUES ($1, $2)', [2, 'lost']);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await count('category_id IN (1, 2)')).toBe(1);
    expect(api.server.openTransactions()).toBe(0);
  });

  it('queues overlapping calls on one transaction instead of sending them at once', async () => {
    const rows = await client.transaction(async (tx) =>
      Promise.all([
        tx.query<{ n: number }>('SELECT 1 AS n FROM pg_sleep(0.2)'),
        tx.query<{ n: number }>('SELECT 2 AS n'),
        tx.query<{ n: number }>('SELECT 3 AS n'),
      ]),
    );
    expect(rows.map((r) => r.rows[0]?.n)).toEqual([1, 2, 3]);
    expect(api.server.stats.errors.DatabaseErrorException ?? 0).toBe(0);
  });

  it('runs concurrent transactions without losing an update', async () => {
    await client.query("INSERT INTO categories (category_id, title) VALUES (50, '0')");
    await Promise.all(
      Array.from({ length: 10 }, () =>
        client.transaction(async (tx) => {
          const { rows } = await tx.query<{ title: string }>(
            'SELECT title FROM categories WHERE category_id = 50 FOR UPDATE',
          );
          await tx.query('UPDATE categories SET title = $1 WHERE category_id = 50', [
            String(Number(rows[0]!.title) + 1),
          ]);
        }),
      ),
    );
    const { rows } = await client.query<{ title: string }>(
      'SELECT title FROM categories WHERE category_id = 50',
    );
    expect(rows).toEqual([{ title: '10' }]);
    expect(api.server.openTransactions()).toBe(0);
  });

  it('rolls back at once when the function throws while a statement of it is still running', async () => {
    await expect(
      client.transaction(async (tx) => {
        void tx.query('SELECT pg_sleep(0.3)').catch(() => {});
        throw new Error('gave up');
      }),
    ).rejects.toThrow('gave up');
    expect(api.server.openTransactions()).toBe(0);
  });

  it('refuses a transaction executor used after its transaction ended', async () => {
    let leaked: SqlExecutor | undefined;
    await client.transaction(async (tx) => {
      leaked = tx;
    });
    await expect(leaked!.query('SELECT 1')).rejects.toBeInstanceOf(TransactionClosedError);
  });

  it('reports SQL errors with their SQLSTATE as code', async () => {
    await client.query('INSERT INTO categories (category_id, title) VALUES (3, $1)', ['x']);
    const failure = await client
      .query('INSERT INTO categories (category_id, title) VALUES (3, $1)', ['x'])
      .catch((error) => error);
    expect(failure).toBeInstanceOf(DataApiQueryError);
    expect(failure.code).toBe('23505');
    expect(failure.exception).toBe('DatabaseErrorException');
    expect(failure.message).toMatch(/duplicate key value violates unique constraint "categories_pkey"/);
    expect(failure.cause.name).toBe('DatabaseErrorException');
  });

  it('fails an un-hinted uuid comparison as on AWS, and passes a param.uuid', async () => {
    const failure = await client
      .query('SELECT $1 = gen_random_uuid() AS same', ['a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'])
      .catch((error) => error);
    expect(failure.message).toMatch(/operator does not exist: character varying = uuid/);
    expect(failure.code).toBe('42883');
  });

  it('retries a statement while the database resumes, about 2 s then doubling', async () => {
    sleeps.length = 0;
    api.server.faults.resumeNext(3);
    const { rows } = await client.query<{ n: number }>('SELECT 5 AS n');
    expect(rows).toEqual([{ n: 5 }]);
    expect(sleeps).toEqual([2000, 4000, 8000]);
  });

  it('retries a whole transaction from BeginTransaction when a statement inside meets a resume', async () => {
    sleeps.length = 0;
    let runs = 0;
    await client.transaction(async (tx) => {
      runs += 1;
      await tx.query('INSERT INTO categories (category_id, title) VALUES (20, $1)', [`run ${runs}`]);
      if (runs === 1) api.server.faults.resumeNext(1);
      await tx.query('INSERT INTO categories (category_id, title) VALUES (21, $1)', [`run ${runs}`]);
    });
    expect(runs).toBe(2);
    expect(sleeps).toEqual([2000]);
    const { rows } = await client.query(
      'SELECT category_id, title FROM categories WHERE category_id IN (20, 21) ORDER BY 1',
    );
    // Nothing of the first, half-done run survives.
    expect(rows).toEqual([
      { category_id: 20, title: 'run 2' },
      { category_id: 21, title: 'run 2' },
    ]);
    expect(api.server.openTransactions()).toBe(0);
  });

  it('retries BeginTransaction itself while the database resumes', async () => {
    sleeps.length = 0;
    api.server.faults.resumeNext(2);
    const n = await client.transaction(
      async (tx) => (await tx.query<{ n: number }>('SELECT 1 AS n')).rows[0]?.n,
    );
    expect(n).toBe(1);
    expect(sleeps).toEqual([2000, 4000]);
  });

  it('gives up after the 45 s budget', async () => {
    sleeps.length = 0;
    now = 0;
    api.server.faults.resumeNext(1000);
    const failure = await client.query('SELECT 1').catch((error) => error);
    api.server.faults.clear();
    expect(failure).toBeInstanceOf(DatabaseResumeTimeoutError);
    expect(sleeps.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(45_000);
  });

  it('rejects parameters that the statement does not use, like the other adapters', async () => {
    await expect(client.query('SELECT 1', [1])).rejects.toThrow(RangeError);
    await expect(client.query('SELECT $2::int', [1])).rejects.toThrow(RangeError);
  });
});
