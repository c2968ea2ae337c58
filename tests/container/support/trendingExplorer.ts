import { migrate } from '../../../db/migrate.ts';
import { openPgClient } from '../../../db/sql/pgClient.ts';
import { backendUrl, createServerDatabase } from '../../support/backends.ts';
import { loadTrendingFixture } from '../../support/loadTrendingFixture.ts';
import { type ExplorerProcess, ensureExplorerBuilt, startExplorerProcess } from './explorerProcess.ts';

/**
 * The built explorer (`node dist/server.js`) over a trending fixture loaded with the real loader
 * into a fresh database on the embedded server, e.g. the Japanese titles of
 * `kaggle_rsrishav_JP_2020-08_titles.csv` (which, like every Kaggle file, has no video lengths).
 */
export async function startTrendingExplorer(
  name: string,
  env: Record<string, string> = {},
): Promise<ExplorerProcess & { close(): Promise<void> }> {
  await ensureExplorerBuilt();
  const created = await createServerDatabase(backendUrl('embedded'));
  const sql = openPgClient({ connectionString: created.url, max: 1 });
  try {
    await migrate(sql);
    await loadTrendingFixture(sql, name);
  } finally {
    await sql.close();
  }
  const proc = await startExplorerProcess({ DATABASE_URL: created.url, ...env });
  return Object.assign(proc, {
    async close() {
      await proc.stop();
      await created.drop();
    },
  });
}
