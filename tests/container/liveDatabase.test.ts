import { expect, it } from 'vitest';
import { QueryCancelledError, QueryTimeoutError } from '../../container/explorer/errors.ts';
import { openLiveDatabase } from '../../container/explorer/openLiveDatabase.ts';
import { describeEachBackend } from '../support/backends.ts';

const WRITE = "INSERT INTO categories (category_id, title) VALUES (999, 'x')";

describeEachBackend('live database adapters', (db) => {
  it('refuses writes: every unit of work is read-only', async () => {
    const { client, url } = db();
    const opened = await openLiveDatabase({
      database: { kind: 'url', url },
      readerHost: undefined,
      poolSize: 2,
      statementTimeoutMs: 300,
      testQueryDelayMs: 0,
    });
    try {
      await expect(opened.live.readOnly((q) => q.query(WRITE))).rejects.toThrow(/read-only transaction/);
      await expect(
        opened.live.readOnly((q) => q.query(WRITE), undefined, { snapshot: true }),
      ).rejects.toThrow(/read-only transaction/);
      // Past the statement timeout the query is stopped and reported as a timeout.
      await expect(opened.live.readOnly((q) => q.query('SELECT pg_sleep(2)'))).rejects.toBeInstanceOf(
        QueryTimeoutError,
      );
      // An abort mid-query cancels it on the server (on the embedded default as on a server).
      const controller = new AbortController();
      const running = opened.live.readOnly((q) => q.query('SELECT pg_sleep(0.25)'), controller.signal);
      setTimeout(() => controller.abort(), 50);
      await expect(running).rejects.toBeInstanceOf(QueryCancelledError);
      await expect(opened.live.readOnly((q) => q.query('SELECT 1 AS one'))).resolves.toMatchObject({
        rows: [{ one: 1 }],
      });
      await opened.live.ping(1000);
    } finally {
      await opened.live.close();
      await opened.close();
    }
    const { rows } = await client.query('SELECT 1 FROM categories WHERE category_id = 999');
    expect(rows).toHaveLength(0);
  });
});
