import {
  BatchExecuteStatementCommand,
  BeginTransactionCommand,
  CommitTransactionCommand,
  RollbackTransactionCommand,
} from '@aws-sdk/client-rds-data';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachBackend } from '../../support/backends.ts';
import { type EndpointUnderTest, failureOf, startEndpoint } from './dataApiTestClient.ts';

describeEachBackend('local Data API: transactions', (db) => {
  let api: EndpointUnderTest;
  let now = Date.UTC(2026, 0, 1);
  const clock = { now: () => now };
  const begin = async () => (await api.rds.send(new BeginTransactionCommand(api.target))).transactionId!;
  const count = async (table: string) =>
    (await api.execute({ sql: `SELECT count(*)::int AS n FROM ${table}` })).records?.[0]?.[0]?.longValue;

  beforeAll(async () => {
    api = await startEndpoint(db().client, { clock });
    await api.execute({ sql: 'CREATE TABLE tx_t (k int PRIMARY KEY, v int NOT NULL DEFAULT 0)' });
  });
  afterAll(async () => {
    await api?.close();
  });

  it('hands out 184-character transaction ids and commits with "Transaction Committed"', async () => {
    const transactionId = await begin();
    expect(transactionId).toHaveLength(184);
    await api.execute({ sql: 'INSERT INTO tx_t (k) VALUES (1)', transactionId });
    const out = await api.rds.send(new CommitTransactionCommand({ ...api.target, transactionId }));
    expect(out.transactionStatus).toBe('Transaction Committed');
    expect(await count('tx_t')).toBe(1);
  });

  it('rolls back with "Rollback Complete" and keeps nothing', async () => {
    const transactionId = await begin();
    await api.execute({ sql: 'INSERT INTO tx_t (k) VALUES (2)', transactionId });
    const out = await api.rds.send(new RollbackTransactionCommand({ ...api.target, transactionId }));
    expect(out.transactionStatus).toBe('Rollback Complete');
    expect(await count('tx_t')).toBe(1);
  });

  it('runs BatchExecute inside a transaction, undone by its rollback', async () => {
    const transactionId = await begin();
    const out = await api.rds.send(
      new BatchExecuteStatementCommand({
        ...api.target,
        transactionId,
        sql: 'INSERT INTO tx_t (k) VALUES (:k)',
        parameterSets: [[{ name: 'k', value: { longValue: 50 } }], [{ name: 'k', value: { longValue: 51 } }]],
      }),
    );
    expect(out.updateResults).toHaveLength(2);
    const inside = await api.execute({
      sql: 'SELECT count(*)::int FROM tx_t WHERE k IN (50, 51)',
      transactionId,
    });
    expect(inside.records).toEqual([[{ longValue: 2 }]]);
    await api.rds.send(new RollbackTransactionCommand({ ...api.target, transactionId }));
    expect(await count('tx_t WHERE k IN (50, 51)')).toBe(0);
  });

  it('commits each statement outside a transaction at once (autocommit)', async () => {
    await api.execute({ sql: 'INSERT INTO tx_t (k) VALUES (3)' });
    await failureOf(api.execute({ sql: 'INSERT INTO tx_t (k) VALUES (3)' }));
    expect(await count('tx_t')).toBe(2);
  });

  it('rejects a second call on a transaction while one is running', async () => {
    const transactionId = await begin();
    try {
      const slow = api.execute({ sql: 'SELECT pg_sleep(1.5) AS slow_call', transactionId });
      // Send the second call only once the first is running in the database.
      for (let running = 0; running === 0; ) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        const active = await db().client.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM pg_stat_activity WHERE state = 'active' AND query LIKE '%AS slow_call%' AND pid <> pg_backend_pid()",
        );
        running = active.rows[0]!.n;
      }
      const second = await failureOf(api.execute({ sql: 'SELECT 1', transactionId }));
      expect(second).toMatchObject({
        name: 'DatabaseErrorException',
        message: 'Transaction is still running a query',
        status: 400,
      });
      await slow;
      // The rejected call does not end the transaction.
      await api.execute({ sql: 'SELECT 1', transactionId });
    } finally {
      await api.rds.send(new RollbackTransactionCommand({ ...api.target, transactionId })).catch(() => {});
    }
  });

  it('rolls back a transaction idle for 3 minutes', async () => {
    const transactionId = await begin();
    await api.execute({ sql: 'INSERT INTO tx_t (k) VALUES (10)', transactionId });
    now += 2 * 60_000;
    await api.execute({ sql: 'SELECT 1', transactionId });
    now += 3 * 60_000 + 1;
    const expired = await failureOf(api.execute({ sql: 'SELECT 1', transactionId }));
    expect(expired).toMatchObject({ name: 'TransactionNotFoundException', status: 404 });
    expect(expired.message).toMatch(/Transaction may be expired\.$/);
    expect(api.server.openTransactions()).toBe(0);
    expect(await count('tx_t WHERE k = 10')).toBe(0);
  });

  it('keeps concurrent transactions apart and loses no update', async () => {
    await api.execute({ sql: 'INSERT INTO tx_t (k, v) VALUES (100, 0)' });
    const workers = Array.from({ length: 8 }, async (_, i) => {
      const transactionId = await begin();
      await api.execute({
        sql: 'INSERT INTO tx_t (k) VALUES (:k)',
        transactionId,
        parameters: [{ name: 'k', value: { longValue: 200 + i } }],
      });
      await api.execute({ sql: 'UPDATE tx_t SET v = v + 1 WHERE k = 100', transactionId });
      if (i % 2 === 1) {
        await api.rds.send(new RollbackTransactionCommand({ ...api.target, transactionId }));
      } else {
        await api.rds.send(new CommitTransactionCommand({ ...api.target, transactionId }));
      }
    });
    await Promise.all(workers);
    const out = await api.execute({ sql: 'SELECT v FROM tx_t WHERE k = 100' });
    expect(out.records).toEqual([[{ longValue: 4 }]]);
    expect(await count('tx_t WHERE k >= 200')).toBe(4);
    expect(api.server.openTransactions()).toBe(0);
  });

  it("answers a read outside an open transaction at once, without the transaction's rows", async () => {
    const transactionId = await begin();
    try {
      await api.execute({ sql: 'INSERT INTO tx_t (k) VALUES (300)', transactionId });
      const started = performance.now();
      expect(await count('tx_t WHERE k = 300')).toBe(0);
      expect(performance.now() - started).toBeLessThan(2000);
      const inside = await api.execute({
        sql: 'SELECT count(*)::int FROM tx_t WHERE k = 300',
        transactionId,
      });
      expect(inside.records).toEqual([[{ longValue: 1 }]]);
    } finally {
      await api.rds.send(new RollbackTransactionCommand({ ...api.target, transactionId }));
    }
  });

  it('expires an abandoned transaction by itself, and it blocks no other caller meanwhile', async () => {
    const transactionId = await begin();
    await api.execute({ sql: 'INSERT INTO tx_t (k) VALUES (400)', transactionId });
    // Abandoned: no further call on it. Other callers carry on.
    await api.execute({ sql: 'INSERT INTO tx_t (k) VALUES (401)' });
    expect(await count('tx_t WHERE k IN (400, 401)')).toBe(1);
    now += 3 * 60_000 + 1;
    // The endpoint's sweeper (every second) rolls it back without waiting for a call.
    for (let i = 0; i < 50 && api.server.openTransactions() > 0; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(api.server.openTransactions()).toBe(0);
    const expired = await failureOf(api.execute({ sql: 'SELECT 1', transactionId }));
    expect(expired).toMatchObject({ name: 'TransactionNotFoundException' });
    expect(await count('tx_t WHERE k = 400')).toBe(0);
  });
});
