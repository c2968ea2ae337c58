import { fileURLToPath } from 'node:url';
import {
  findCategoryFile,
  loadTrendingFile,
  openTrendingFile,
  readCategoryFile,
} from '../../db/load/index.ts';
import type { SqlClient } from '../../db/sql/SqlClient.ts';

const fixtures = fileURLToPath(new URL('../fixtures/trending/', import.meta.url));

/**
 * Loads a trending fixture from tests/fixtures/trending (e.g. `kaggle_rsrishav_JP_2020-08_titles.csv`)
 * into a migrated database with the real loader, with the category file next to it.
 */
export async function loadTrendingFixture(sql: SqlClient, name: string): Promise<void> {
  const file = `${fixtures}${name}`;
  const categoriesFile = await findCategoryFile(file);
  await loadTrendingFile(sql, await openTrendingFile(file), {
    file,
    categories: categoriesFile ? await readCategoryFile(categoriesFile) : [],
  });
}
