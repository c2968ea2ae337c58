import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPgClient } from '../../db/sql/pgClient.ts';
import { BACKENDS, backendSkipReason } from '../support/backends.ts';
import { startFixtureExplorer } from './support/fixtureServer.ts';
import { openClient } from './support/wsClient.ts';

// EXPLORER_TEST_QUERY_DELAY_MS makes every unit of work wait on the database first (pg_sleep on
// the server), so a view is really running when the next change arrives.
const DELAY_MS = '2000';

for (const backend of BACKENDS) {
  const skip = backendSkipReason(backend);
  (skip ? describe.skip : describe)(`latest wins [${backend}]${skip ? ` (${skip})` : ''}`, () => {
    let explorer: Awaited<ReturnType<typeof startFixtureExplorer>>;
    let admin: ReturnType<typeof openPgClient>;
    beforeAll(async () => {
      explorer = await startFixtureExplorer(backend, { EXPLORER_TEST_QUERY_DELAY_MS: DELAY_MS });
      admin = openPgClient({ connectionString: explorer.db.url, max: 1 });
    }, 60_000);
    afterAll(async () => {
      await admin?.close();
      await explorer?.close();
    });

    /** Server processes of the explorer now sleeping in the test delay. */
    const sleepingPids = async () =>
      (
        await admin.query<{ pid: number }>(
          `SELECT pid FROM pg_stat_activity
         WHERE datname = current_database() AND application_name = 'tubelens-explorer'
           AND state = 'active' AND query LIKE 'SELECT pg_sleep%'`,
        )
      ).rows.map((r) => r.pid);

    it('cancels superseded queries on the server and sends only the latest view', async () => {
      const client = await openClient(explorer.url);
      client.send({ v: 1, type: 'hello', id: 0 });
      const { sessionId } = await client.next('welcome');
      await client.next('view');
      const seen = new Set<number>();
      const pids: number[] = [];
      for (let id = 1; id <= 3; id += 1) {
        client.send({ v: 1, type: 'update', id, patch: { page: id } });
        // Wait until this view's query is running on the server before superseding it.
        const fresh = async () => (await sleepingPids()).find((pid) => !seen.has(pid));
        let pid = await fresh();
        while (pid === undefined) {
          await sleep(20);
          pid = await fresh();
        }
        seen.add(pid);
        pids[id] = pid;
        if (id > 1) {
          // View seq 1 answered the hello, so update n is seq n + 1: update id supersedes seq id.
          await explorer.waitForLog(
            (e) => e.msg === 'view superseded' && e.sessionId === sessionId && e.seq === id,
          );
          expect(await sleepingPids()).not.toContain(pids[id - 1]);
        }
      }
      const view = await client.next('view');
      expect(view.requestId).toBe(3);
      expect(view.state.page).toBe(3);
      const superseded = explorer.logs.filter(
        (e) => e.msg === 'view superseded' && e.sessionId === sessionId,
      );
      expect(superseded).toHaveLength(2);
      expect(superseded.every((e) => e.stoppedOnServer === true)).toBe(true);
      expect(superseded[0]!.cause).toMatch(/canceling statement due to user request/);
      await sleep(300);
      expect(client.received.filter((m) => m.type === 'view')).toHaveLength(2);
      client.close();
    });
  });
}
