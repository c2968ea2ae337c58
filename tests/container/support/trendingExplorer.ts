import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  findCategoryFile,
  loadTrendingFile,
  openTrendingFile,
  readCategoryFile,
} from '../../../db/load/index.ts';
import { migrate } from '../../../db/migrate.ts';
import { openPgliteClient } from '../../../db/sql/pgliteClient.ts';
import { type ExplorerProcess, ensureExplorerBuilt, startExplorerProcess } from './explorerProcess.ts';

const fixtures = fileURLToPath(new URL('../../fixtures/trending/', import.meta.url));

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
    const file = `${fixtures}${name}`;
    const categoriesFile = await findCategoryFile(file);
    await loadTrendingFile(sql, await openTrendingFile(file), {
      file,
      categories: categoriesFile ? await readCategoryFile(categoriesFile) : [],
    });
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
