import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { EMPTY_FILTERS } from '../../container/shared/viewState.ts';
import { openPgClient } from '../../db/sql/pgClient.ts';
import { serverSkipReason } from '../support/backends.ts';
import {
  type ExplorerProcess,
  ensureExplorerBuilt,
  startExplorerProcess,
} from './support/explorerProcess.ts';
import { fixtureDatabase, startFixtureExplorer } from './support/fixtureServer.ts';
import { openClient } from './support/wsClient.ts';

const patch = {
  channels: ['UCgaming', 'UCnews'],
  filters: { ...EMPTY_FILTERS, from: '2024-02-01', title: 'speedrun' },
  sort: { column: 'likes', direction: 'asc' },
};

describe('sessions on one process (memory store) [embedded]', () => {
  let explorer: Awaited<ReturnType<typeof startFixtureExplorer>>;
  beforeAll(async () => {
    explorer = await startFixtureExplorer('embedded', {
      // Wide enough for a loaded CI machine to reconnect in, short enough to wait out.
      EXPLORER_RESUME_WINDOW_MS: '3000',
      EXPLORER_PING_INTERVAL_MS: '1000',
      EXPLORER_MAX_SESSIONS: '4',
    });
  }, 60_000);
  afterAll(() => explorer?.close());

  it('refuses upgrades past the session cap with 503 and takes them again once one leaves', async () => {
    const open = await Promise.all([1, 2, 3, 4].map(() => openClient(explorer.url)));
    await expect(openClient(explorer.url)).rejects.toThrow(/503/);
    open[0]!.close();
    await open[0]!.closed;
    let again: Awaited<ReturnType<typeof openClient>> | undefined;
    for (let attempt = 0; attempt < 50 && !again; attempt += 1) {
      again = await openClient(explorer.url).catch(() => sleep(100).then(() => undefined));
    }
    expect(again).toBeDefined();
    for (const client of [...open.slice(1), again!]) {
      client.close();
      await client.closed;
    }
    await sleep(200);
  });

  it('gives a dropped client its state back when it reconnects within the resume window', async () => {
    const first = await openClient(explorer.url);
    first.send({ v: 1, type: 'hello', id: 0 });
    const { sessionId } = await first.next('welcome');
    await first.next('view');
    first.send({ v: 1, type: 'update', id: 1, patch });
    const before = await first.next('view');
    first.ws.terminate();

    const again = await openClient(explorer.url);
    again.send({ v: 1, type: 'hello', id: 0, sessionId });
    const welcome = await again.next('welcome');
    expect(welcome).toMatchObject({ sessionId, resumed: true });
    const view = await again.next('view');
    expect(view.state).toEqual(before.state);
    expect(view.parts.table).toEqual(before.parts.table);
    again.close();
  });

  it('starts a new session once the resume window has passed', async () => {
    const first = await openClient(explorer.url);
    first.send({ v: 1, type: 'hello', id: 0 });
    const { sessionId } = await first.next('welcome');
    first.close();
    await first.closed;
    await sleep(4500);
    const late = await openClient(explorer.url);
    late.send({ v: 1, type: 'hello', id: 0, sessionId });
    const welcome = await late.next('welcome');
    expect(welcome.resumed).toBe(false);
    expect(welcome.sessionId).not.toBe(sessionId);
    late.close();
  });

  it('pings every interval and drops a client that stops answering', async () => {
    const live = await openClient(explorer.url);
    let pings = 0;
    live.ws.on('ping', () => {
      pings += 1;
    });
    const silent = await openClient(explorer.url, explorer.url, { autoPong: false });
    const { code } = await silent.closed;
    expect(code).toBe(1006); // terminated without a close frame
    expect(pings).toBeGreaterThanOrEqual(1);
    expect(live.ws.readyState).toBe(live.ws.OPEN);
    live.close();
  });
});

const skip = serverSkipReason('pgUrl') || serverSkipReason('redisUrl');
(skip ? describe.skip : describe)(
  `sessions across processes through Redis [postgres]${skip ? ` (${skip})` : ''}`,
  () => {
    let db: Awaited<ReturnType<typeof fixtureDatabase>>;
    let a: ExplorerProcess;
    let b: ExplorerProcess;
    let env: Record<string, string>;
    beforeAll(async () => {
      await ensureExplorerBuilt();
      db = await fixtureDatabase('postgres');
      env = {
        ...db.env,
        REDIS_URL: inject('redisUrl'),
        EXPLORER_REDIS_PREFIX: `tubelens:test:${randomBytes(6).toString('hex')}:`,
      };
      [a, b] = await Promise.all([startExplorerProcess(env), startExplorerProcess(env)]);
    }, 60_000);
    afterAll(async () => {
      await Promise.all([a?.stop(), b?.stop()]);
      await db?.drop();
    });

    it('resumes on a second process a session started on the first', async () => {
      const onA = await openClient(a.url);
      onA.send({ v: 1, type: 'hello', id: 0 });
      const { sessionId, exportToken } = await onA.next('welcome');
      await onA.next('view');
      onA.send({ v: 1, type: 'update', id: 1, patch });
      const before = await onA.next('view');
      expect(before.requestId).toBe(1);
      onA.close();

      const onB = await openClient(b.url);
      onB.send({ v: 1, type: 'hello', id: 0, sessionId });
      expect(await onB.next('welcome')).toMatchObject({ sessionId, resumed: true, exportToken });
      const view = await onB.next('view');
      expect(view.state).toEqual(before.state);
      // The export link works on whichever process the load balancer picks.
      const csv = await fetch(`${b.url}/export.csv?session=${sessionId}&token=${exportToken}`);
      expect((await csv.text()).trimEnd().split('\r\n')).toHaveLength(1 + view.parts.table!.total);
      onB.close();
    });

    it('on SIGTERM finishes in-flight work, sends clients elsewhere and exits; the session goes on', async () => {
      const slow = await startExplorerProcess({ ...env, EXPLORER_TEST_QUERY_DELAY_MS: '1500' });
      const client = await openClient(slow.url);
      client.send({ v: 1, type: 'hello', id: 0 });
      const { sessionId } = await client.next('welcome');
      await client.next('view');
      client.send({ v: 1, type: 'update', id: 7, patch });
      // Wait until the view's query is sleeping on the database, then stop the process under it.
      const admin = openPgClient({ connectionString: db.url, max: 1 });
      const sleeping = async () =>
        (
          await admin.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM pg_stat_activity
             WHERE datname = current_database() AND state = 'active' AND query LIKE 'SELECT pg_sleep%'`,
          )
        ).rows[0]!.n;
      while ((await sleeping()) === 0) await sleep(20);
      await admin.close();
      slow.child.kill('SIGTERM');
      const view = await client.next('view');
      expect(view.requestId).toBe(7);
      expect((await client.next('reconnect')).reason).toMatch(/shutting down/);
      expect((await client.closed).code).toBe(1012);
      expect(await slow.exited).toBe(0);
      expect(slow.logs.map((e) => e.msg)).toEqual(expect.arrayContaining(['draining', 'drained', 'stopped']));
      await expect(openClient(slow.url)).rejects.toThrow();

      const moved = await openClient(b.url);
      moved.send({ v: 1, type: 'hello', id: 0, sessionId });
      expect((await moved.next('welcome')).resumed).toBe(true);
      expect((await moved.next('view')).state).toEqual(view.state);
      moved.close();
    });
  },
);
