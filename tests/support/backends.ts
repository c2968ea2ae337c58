import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, inject } from 'vitest';
import { migrate } from '../../db/migrate.ts';
import { openPgClient } from '../../db/sql/pgClient.ts';
import { openPgliteClient } from '../../db/sql/pgliteClient.ts';
import type { SqlClient } from '../../db/sql/SqlClient.ts';

export type BackendName = 'pglite' | 'postgres';

export interface TestDatabase {
  readonly backend: BackendName;
  /** A migrated, empty database private to this test file. */
  readonly client: SqlClient;
  /** Connection URL for the postgres backend (a database created for this file); '' for PGlite. */
  readonly url: string;
}

/** Why a server test cannot run here, or '' when it can. Throws when servers are required. */
export function serverSkipReason(kind: 'pgUrl' | 'redisUrl'): string {
  if (inject(kind)) return '';
  const what =
    kind === 'pgUrl' ? 'PostgreSQL (TUBELENS_TEST_DATABASE_URL)' : 'Redis (TUBELENS_TEST_REDIS_URL)';
  if (inject('requireServers')) throw new Error(`TUBELENS_REQUIRE_SERVERS=1 but no ${what} is reachable`);
  return `skipped: no ${what} server reachable`;
}

/** Creates a fresh database on the test server and returns its URL and a dropper. */
export async function createServerDatabase(baseUrl: string = inject('pgUrl')) {
  const name = `tubelens_t_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = openPgClient({ connectionString: baseUrl, max: 1 });
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.close();
    },
  };
}

/** Opens a migrated database of the given backend; `close` releases (and drops) it. */
export async function openTestDatabase(
  backend: BackendName,
): Promise<TestDatabase & { close(): Promise<void> }> {
  if (backend === 'pglite') {
    const client = await openPgliteClient();
    await migrate(client);
    return { backend, client, url: '', close: () => client.close() };
  }
  const created = await createServerDatabase();
  const client = openPgClient({ connectionString: created.url, max: 4 });
  await migrate(client);
  return {
    backend,
    client,
    url: created.url,
    async close() {
      await client.close();
      await created.drop();
    },
  };
}

/**
 * Runs the same suite on PGlite and on the PostgreSQL server. The server run is skipped, with
 * the reason in its name, when no server is reachable (and fails when servers are required).
 * `body` receives a getter, valid inside tests and hooks, for the file's database.
 */
export function describeEachBackend(title: string, body: (db: () => TestDatabase) => void) {
  for (const backend of ['pglite', 'postgres'] as const) {
    const reason = backend === 'postgres' ? serverSkipReason('pgUrl') : '';
    const suite = reason ? describe.skip : describe;
    suite(`${title} [${backend}]${reason ? ` (${reason})` : ''}`, () => {
      let current: (TestDatabase & { close(): Promise<void> }) | undefined;
      beforeAll(async () => {
        current = await openTestDatabase(backend);
      }, 60_000);
      afterAll(async () => {
        await current?.close();
      });
      body(() => {
        if (!current) throw new Error('test database is not open yet (use it inside a test or hook)');
        return current;
      });
    });
  }
}
