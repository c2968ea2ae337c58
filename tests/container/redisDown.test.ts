import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PrivateRedis, privateRedisSkipReason, startPrivateRedis } from '../support/privateRedis.ts';
import {
  type ExplorerProcess,
  ensureExplorerBuilt,
  startExplorerProcess,
} from './support/explorerProcess.ts';
import { fixtureDatabase } from './support/fixtureServer.ts';
import { waitFor } from './support/waitFor.ts';
import { openClient, openSession, type TestClient } from './support/wsClient.ts';

/** Sends an update and resolves with how long its view took to arrive. */
async function timedUpdate(client: TestClient, id: number, page: number): Promise<number> {
  const started = performance.now();
  client.send({ v: 1, type: 'update', id, patch: { page } });
  const view = await client.next('view');
  expect(view.requestId).toBe(id);
  return performance.now() - started;
}

const skip = privateRedisSkipReason();
(skip ? describe.skip : describe)(`sessions when Redis fails [embedded]${skip ? ` (${skip})` : ''}`, () => {
  let db: Awaited<ReturnType<typeof fixtureDatabase>>;
  let redis: PrivateRedis;
  let a: ExplorerProcess;
  let b: ExplorerProcess;
  beforeAll(async () => {
    await ensureExplorerBuilt();
    [db, redis] = await Promise.all([fixtureDatabase('embedded'), startPrivateRedis()]);
    const env = { ...db.env, REDIS_URL: redis.url, EXPLORER_REDIS_TIMEOUT_MS: '300' };
    [a, b] = await Promise.all([startExplorerProcess(env), startExplorerProcess(env)]);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    redis?.resume();
    await redis?.stop();
    await db?.drop();
  });

  it('bounds the wait on a Redis that hangs', async () => {
    const { client, welcome } = await openSession(a.url);
    expect(welcome.resumable).toBe(true);
    redis.pause();
    try {
      // Each save waits 300 ms at most, so the next message is not held behind it for long.
      const times = [
        await timedUpdate(client, 1, 1),
        await timedUpdate(client, 2, 2),
        await timedUpdate(client, 3, 3),
      ];
      expect(Math.max(...times)).toBeLessThan(1500);
      expect((await client.next('session')).resumable).toBe(false);
    } finally {
      redis.resume();
    }
    client.close();
  });

  it('with Redis down, answers at once, carries the session on in memory and says it cannot move', async () => {
    await redis.restart();
    // Wait for the process to be connected again (it retries with backoff).
    await waitFor(async () => (await fetch(`${a.url}/readyz`)).status === 200, 5000, 'Redis back');
    const { client, welcome } = await openSession(a.url);
    expect(welcome.resumable).toBe(true);
    await timedUpdate(client, 1, 1);
    await redis.kill();
    const times = [
      await timedUpdate(client, 2, 2),
      await timedUpdate(client, 3, 0),
      await timedUpdate(client, 4, 1),
    ];
    expect(Math.max(...times)).toBeLessThan(500);
    expect(await client.next('session')).toMatchObject({ resumable: false });

    // The same process still resumes it (from memory) and still exports it.
    client.ws.terminate();
    const again = await openClient(a.url);
    again.send({ v: 1, type: 'hello', id: 0, sessionId: welcome.sessionId });
    expect(await again.next('welcome')).toMatchObject({ resumed: true, resumable: false });
    expect((await again.next('view')).state.page).toBe(1);
    const exportUrl = `/export.csv?session=${welcome.sessionId}&token=${welcome.exportToken}`;
    expect((await fetch(`${a.url}${exportUrl}`)).status).toBe(200);

    // Another process cannot know the session: it says so quickly instead of waiting or saying 403.
    const started = performance.now();
    const elsewhere = await fetch(`${b.url}${exportUrl}`);
    expect(elsewhere.status).toBe(503);
    expect(performance.now() - started).toBeLessThan(1000);
    const ready = await fetch(`${a.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.text()).toMatch(/session store/);

    // Redis back: the next save goes to Redis again and the client is told.
    await redis.restart();
    let told: boolean | undefined;
    for (let id = 10; id < 60 && told !== true; id += 1) {
      await timedUpdate(again, id, id % 2);
      told = again.received.filter((m) => m.type === 'session').at(-1)?.resumable;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(told).toBe(true);
    expect((await fetch(`${a.url}/readyz`)).status).toBe(200);
    again.close();
  });
});
