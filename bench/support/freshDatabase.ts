import { randomBytes } from 'node:crypto';
import { openPgClient } from '../../db/sql/pgClient.ts';

/** The machine's PostgreSQL server the benches compare against (as the tests find it). */
export const SERVER_URL =
  process.env.TUBELENS_BENCH_DATABASE_URL ??
  process.env.TUBELENS_TEST_DATABASE_URL ??
  'postgres://postgres@127.0.0.1:5432/test';

/** An empty database of its own on the server at `adminUrl`, for one measurement; `drop` removes it. */
export async function freshDatabase(
  adminUrl: string = SERVER_URL,
  prefix = 'tubelens_bench',
): Promise<{ url: string; drop(): Promise<void> }> {
  const admin = openPgClient({ connectionString: adminUrl, max: 1 });
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  await admin.query(`CREATE DATABASE ${name}`);
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
