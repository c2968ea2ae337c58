import { fileURLToPath } from 'node:url';
import {
  findCategoryFile,
  loadTrendingFile,
  openTrendingFile,
  readCategoryFile,
} from '../../../db/load/index.ts';
import { migrate } from '../../../db/migrate.ts';
import { openPgliteClient } from '../../../db/sql/pgliteClient.ts';
import { publishWithRefresh } from './publishFixture.ts';

const fixtures = fileURLToPath(new URL('../../fixtures/trending/', import.meta.url));

/**
 * Loads a trending fixture (e.g. the Japanese one, `kaggle_rsrishav_JP_2020-08_titles.csv`) with
 * the real loader and publishes it with the real refresh.
 */
export async function publishTrendingFixture(name: string, outDir: string): Promise<void> {
  const sql = await openPgliteClient();
  try {
    await migrate(sql);
    const file = `${fixtures}${name}`;
    const categoriesFile = await findCategoryFile(file);
    await loadTrendingFile(sql, await openTrendingFile(file), {
      file,
      categories: categoriesFile ? await readCategoryFile(categoriesFile) : [],
    });
    await publishWithRefresh(sql, outDir);
  } finally {
    await sql.close();
  }
}
