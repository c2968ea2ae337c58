import { afterAll, beforeAll, describe, inject } from 'vitest';
import { migrate } from '../../db/migrate.ts';
import { openPgClient } from '../../db/sql/pgClient.ts';
import type { SqlClient } from '../../db/sql/SqlClient.ts';
import { freshDatabase } from './freshDatabase.ts';

/** `embedded`: the product's default PostgreSQL 17; `postgres`: the machine's server (PostgreSQL 15 in CI). */
export type BackendName = 'embedded' | 'postgres';
export const BACKENDS: readonly BackendName[] = ['embedded', 'postgres'];

export interface TestDatabase {
  readonly backend: BackendName;
  /** A migrated, empty database private to this test file. */
  readonly client: SqlClient & { pool: import('pg').Pool };
  /** Connection URL of that database. */
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

/** Why a backend cannot run here, or '' (the embedded one always can). */
export function backendSkipReason(backend: BackendName): string {
  return backend === 'postgres' ? serverSkipReason('pgUrl') : '';
}

/** The server URL a backend's test databases are created on. */
export function backendUrl(backend: BackendName): string {
  return backend === 'embedded' ? inject('embeddedUrl') : inject('pgUrl');
}

/** Creates a fresh UTF-8 database on the test server and returns its URL and a dropper. */
export function createServerDatabase(baseUrl: string = inject('pgUrl')) {
  return freshDatabase(baseUrl, `tubelens_t_${process.pid}`);
}

/** Opens a migrated database on the given backend; `close` closes and drops it. */
export async function openTestDatabase(
  backend: BackendName,
): Promise<TestDatabase & { close(): Promise<void> }> {
  const created = await createServerDatabase(backendUrl(backend));
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
 * Runs the same suite on the embedded PostgreSQL 17 and on the machine's PostgreSQL server. The
 * server run is skipped, with the reason in its name, when no server is reachable (and fails when
 * servers are required). `body` receives a getter, valid inside tests and hooks, for the file's
 * database.
 */
export function describeEachBackend(title: string, body: (db: () => TestDatabase) => void) {
  for (const backend of BACKENDS) {
    const reason = backendSkipReason(backend);
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

/**
 * An empty, unmigrated database on the embedded server, for tests that need a database but not
 * both backends; `close` closes and drops it.
 */
export async function openScratchDatabase(
  backend: BackendName = 'embedded',
): Promise<SqlClient & { pool: import('pg').Pool; url: string }> {
  const created = await createServerDatabase(backendUrl(backend));
  const client = openPgClient({ connectionString: created.url, max: 4 });
  return {
    ...client,
    url: created.url,
    async close() {
      await client.close();
      await created.drop();
    },
  };
}
