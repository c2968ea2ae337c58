import { randomBytes } from 'node:crypto';
import { openPgClient } from '../../db/sql/pgClient.ts';

/** The machine's PostgreSQL server the benches compare against (as the tests find it). Benches import this module too. */
export const SERVER_URL =
  process.env.TUBELENS_BENCH_DATABASE_URL ??
  process.env.TUBELENS_TEST_DATABASE_URL ??
  'postgres://postgres@127.0.0.1:5432/test';

/**
 * An empty UTF-8 database of its own on the server at `adminUrl` (for one test file or one
 * measurement); `drop` removes it, closing any connection still on it.
 */
export async function freshDatabase(
  adminUrl: string = SERVER_URL,
  prefix = 'tubelens_bench',
): Promise<{ url: string; drop(): Promise<void> }> {
  const admin = openPgClient({ connectionString: adminUrl, max: 1 });
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  await admin.query(`CREATE DATABASE ${name} ENCODING 'UTF8' TEMPLATE template0`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.close();
    },
  };
}
