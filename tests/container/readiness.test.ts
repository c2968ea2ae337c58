import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ExplorerProcess,
  ensureExplorerBuilt,
  startExplorerProcess,
} from './support/explorerProcess.ts';
import { fixtureDatabase } from './support/fixtureServer.ts';
import { openClient, openSession } from './support/wsClient.ts';

describe('readiness [embedded]', () => {
  let db: Awaited<ReturnType<typeof fixtureDatabase>>;
  beforeAll(async () => {
    await ensureExplorerBuilt();
    db = await fixtureDatabase('embedded');
  }, 60_000);
  afterAll(() => db?.drop());

  const readyz = async (url: string) => {
    const started = performance.now();
    const response = await fetch(`${url}/readyz`);
    return { status: response.status, text: await response.text(), ms: performance.now() - started };
  };

  it('fails (503) when the pool cannot hand out a connection within the readiness timeout', async () => {
    // Two connections, each unit of work sleeps 2 s on the database: two sessions fill the pool.
    const explorer = await startExplorerProcess({
      ...db.env,
      EXPLORER_POOL_SIZE: '2',
      EXPLORER_TEST_QUERY_DELAY_MS: '2000',
      EXPLORER_READY_TIMEOUT_MS: '300',
    });
    try {
      expect((await readyz(explorer.url)).status).toBe(200);
      const clients = await Promise.all([openClient(explorer.url), openClient(explorer.url)]);
      for (const client of clients) client.send({ v: 1, type: 'hello', id: 0 });
      await new Promise((resolve) => setTimeout(resolve, 300));
      const busy = await readyz(explorer.url);
      expect(busy.status).toBe(503);
      expect(busy.text).toMatch(/pool/);
      expect(busy.ms).toBeLessThan(1500);
      for (const client of clients) await client.next('view', 20_000);
      expect((await readyz(explorer.url)).status).toBe(200);
      for (const client of clients) client.close();
    } finally {
      await explorer.stop();
    }
  });

  it('answers 503 while draining instead of refusing connections', async () => {
    const explorer: ExplorerProcess = await startExplorerProcess({
      ...db.env,
      EXPLORER_TEST_QUERY_DELAY_MS: '1500',
    });
    try {
      const { client } = await openSession(explorer.url);
      client.send({ v: 1, type: 'update', id: 1, patch: { page: 1 } });
      await new Promise((resolve) => setTimeout(resolve, 200));
      explorer.child.kill('SIGTERM');
      await explorer.waitForLog((e) => e.msg === 'draining');
      const during = await readyz(explorer.url);
      expect(during.status).toBe(503);
      expect(during.text).toBe('draining');
      // Liveness stays up while the process finishes its work.
      expect((await fetch(`${explorer.url}/healthz`)).status).toBe(200);
      expect((await client.next('view')).requestId).toBe(1);
      expect(await explorer.exited).toBe(0);
    } finally {
      await explorer.stop();
    }
  });
});
