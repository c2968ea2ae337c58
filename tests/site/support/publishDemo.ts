import { fileURLToPath } from 'node:url';
import { loadTrendingFile, openTrendingFile, readCategoryFile } from '../../../db/load/index.ts';
import { migrate } from '../../../db/migrate.ts';
import { openScratchDatabase } from '../../support/backends.ts';
import { publishWithRefresh } from './publishFixture.ts';

const demo = fileURLToPath(new URL('../../../data/demo/', import.meta.url));

/** Loads the bundled 2017 US trending demo set with the real loader and publishes it with the real refresh. */
export async function publishDemo(outDir: string): Promise<void> {
  const sql = await openScratchDatabase();
  try {
    await migrate(sql);
    const file = `${demo}US_trending_2017-11.csv.gz`;
    await loadTrendingFile(sql, await openTrendingFile(file), {
      file,
      categories: await readCategoryFile(`${demo}US_category_id_2017.json`),
    });
    await publishWithRefresh(sql, outDir);
  } finally {
    await sql.close();
  }
}
