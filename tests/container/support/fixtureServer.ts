import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { migrate } from '../../../db/migrate.ts';
import { openPgClient } from '../../../db/sql/pgClient.ts';
import { openPgliteClient } from '../../../db/sql/pgliteClient.ts';
import { createServerDatabase } from '../../support/backends.ts';
import { type ExplorerProcess, ensureExplorerBuilt, startExplorerProcess } from './explorerProcess.ts';
import { insertFixtures } from './fixtures.ts';

export type Backend = 'pglite' | 'postgres';

/** A migrated database holding the fixtures, as the environment an explorer process needs. */
export async function fixtureDatabase(
  backend: Backend,
): Promise<{ env: Record<string, string>; url: string; drop(): Promise<void> }> {
  if (backend === 'pglite') {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'tubelens-explorer-'));
    const sql = await openPgliteClient({ dataDir });
    await migrate(sql);
    await insertFixtures(sql);
    await sql.close();
    return {
      env: { EXPLORER_DATA_DIR: dataDir },
      url: '',
      drop: () => rm(dataDir, { recursive: true, force: true }),
    };
  }
  const created = await createServerDatabase();
  const sql = openPgClient({ connectionString: created.url, max: 1 });
  await migrate(sql);
  await insertFixtures(sql);
  await sql.close();
  return { env: { DATABASE_URL: created.url }, url: created.url, drop: created.drop };
}

/** The built explorer (`node dist/server.js`) on a fresh fixture database of the given backend. */
export async function startFixtureExplorer(
  backend: Backend,
  env: Record<string, string> = {},
): Promise<ExplorerProcess & { db: Awaited<ReturnType<typeof fixtureDatabase>>; close(): Promise<void> }> {
  await ensureExplorerBuilt();
  const db = await fixtureDatabase(backend);
  const proc = await startExplorerProcess({ ...db.env, ...env });
  return Object.assign(proc, {
    db,
    async close() {
      await proc.stop();
      await db.drop();
    },
  });
}
