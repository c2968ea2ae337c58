import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ExplorerProcess,
  ensureExplorerBuilt,
  startExplorerProcess,
} from './support/explorerProcess.ts';
import { fixtureDatabase } from './support/fixtureServer.ts';
import { openClient, type TestClient } from './support/wsClient.ts';

describe('socket limits [embedded]', () => {
  let db: Awaited<ReturnType<typeof fixtureDatabase>>;
  let direct: ExplorerProcess;
  let proxied: ExplorerProcess;
  const limits = { EXPLORER_HELLO_TIMEOUT_MS: '500', EXPLORER_MAX_SESSIONS_PER_CLIENT: '3' };
  beforeAll(async () => {
    await ensureExplorerBuilt();
    db = await fixtureDatabase('embedded');
    [direct, proxied] = await Promise.all([
      startExplorerProcess({ ...db.env, ...limits }),
      startExplorerProcess({ ...db.env, ...limits, EXPLORER_TRUSTED_PROXY_HOPS: '1' }),
    ]);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([direct?.stop(), proxied?.stop()]);
    await db?.drop();
  });

  const closeAll = async (clients: TestClient[]) => {
    for (const client of clients) {
      client.close();
      await client.closed;
    }
  };

  it('closes a socket that has not said hello within the timeout, and keeps one that has', async () => {
    const silent = await openClient(direct.url);
    const talking = await openClient(direct.url);
    talking.send({ v: 1, type: 'hello', id: 0 });
    await talking.next('view');
    const started = performance.now();
    const closed = await silent.closed;
    expect(closed).toEqual({ code: 4008, reason: 'no hello within 0.5 s' });
    expect(performance.now() - started).toBeLessThan(1500);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(talking.ws.readyState).toBe(talking.ws.OPEN);
    await closeAll([talking]);
  });

  it('caps sockets per client address (429), ignoring X-Forwarded-For unless told to trust a proxy', async () => {
    const spoofed = (n: number) => ({ headers: { 'x-forwarded-for': `198.51.100.${n}` } });
    const open = await Promise.all([1, 2, 3].map((n) => openClient(direct.url, direct.url, spoofed(n))));
    await expect(openClient(direct.url, direct.url, spoofed(4))).rejects.toThrow(/429/);
    await closeAll(open.splice(0, 1));
    const again = await openClient(direct.url);
    await closeAll([...open, again]);
  });

  it('behind a trusted proxy, counts the address the proxy saw, not what the client claims', async () => {
    const from = (xff: string) => ({ headers: { 'x-forwarded-for': xff } });
    const open = await Promise.all(
      [1, 2, 3].map(() => openClient(proxied.url, proxied.url, from('198.51.100.1'))),
    );
    await expect(openClient(proxied.url, proxied.url, from('198.51.100.1'))).rejects.toThrow(/429/);
    // A client cannot escape its count by putting another address first: the proxy appends the real one.
    await expect(openClient(proxied.url, proxied.url, from('10.0.0.9, 198.51.100.1'))).rejects.toThrow(/429/);
    const other = await openClient(proxied.url, proxied.url, from('198.51.100.2'));
    await closeAll([...open, other]);
  });
});
