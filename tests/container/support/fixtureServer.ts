import { migrate } from '../../../db/migrate.ts';
import { openPgClient } from '../../../db/sql/pgClient.ts';
import { type BackendName, backendUrl, createServerDatabase } from '../../support/backends.ts';
import { type ExplorerProcess, ensureExplorerBuilt, startExplorerProcess } from './explorerProcess.ts';
import { insertBulkVideos, insertFixtures } from './fixtures.ts';

export type Backend = BackendName;

export interface FixtureOptions {
  /** Extra videos (insertBulkVideos), for exports that outlast socket buffers. */
  readonly bulkVideos?: number;
}

/** A migrated database holding the fixtures, as the environment an explorer process needs. */
export async function fixtureDatabase(
  backend: Backend,
  options: FixtureOptions = {},
): Promise<{ env: Record<string, string>; url: string; drop(): Promise<void> }> {
  const created = await createServerDatabase(backendUrl(backend));
  const sql = openPgClient({ connectionString: created.url, max: 1 });
  await migrate(sql);
  await insertFixtures(sql);
  if (options.bulkVideos) await insertBulkVideos(sql, options.bulkVideos);
  await sql.close();
  return { env: { DATABASE_URL: created.url }, url: created.url, drop: created.drop };
}

/** The built explorer (`node dist/server.js`) on a fresh fixture database of the given backend. */
export async function startFixtureExplorer(
  backend: Backend,
  env: Record<string, string> = {},
  options: FixtureOptions = {},
): Promise<ExplorerProcess & { db: Awaited<ReturnType<typeof fixtureDatabase>>; close(): Promise<void> }> {
  await ensureExplorerBuilt();
  const db = await fixtureDatabase(backend, options);
  const proc = await startExplorerProcess({ ...db.env, ...env });
  return Object.assign(proc, {
    db,
    async close() {
      await proc.stop();
      await db.drop();
    },
  });
}
