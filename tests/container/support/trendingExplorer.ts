import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { migrate } from '../../../db/migrate.ts';
import { openPgliteClient } from '../../../db/sql/pgliteClient.ts';
import { loadTrendingFixture } from '../../support/loadTrendingFixture.ts';
import { type ExplorerProcess, ensureExplorerBuilt, startExplorerProcess } from './explorerProcess.ts';

/**
 * The built explorer (`node dist/server.js`) over a trending fixture loaded with the real loader,
 * e.g. the Japanese titles of `kaggle_rsrishav_JP_2020-08_titles.csv` (which, like every Kaggle
 * file, has no video lengths).
 */
export async function startTrendingExplorer(
  name: string,
  env: Record<string, string> = {},
): Promise<ExplorerProcess & { close(): Promise<void> }> {
  await ensureExplorerBuilt();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'tubelens-explorer-trending-'));
  const sql = await openPgliteClient({ dataDir });
  try {
    await migrate(sql);
    await loadTrendingFixture(sql, name);
  } finally {
    await sql.close();
  }
  const proc = await startExplorerProcess({ EXPLORER_DATA_DIR: dataDir, ...env });
  return Object.assign(proc, {
    async close() {
      await proc.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  });
}
