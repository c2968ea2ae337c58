import { migrate } from '../../../db/migrate.ts';
import { openScratchDatabase } from '../../support/backends.ts';
import { loadTrendingFixture } from '../../support/loadTrendingFixture.ts';
import { publishWithRefresh } from './publishFixture.ts';

/** Loads a trending fixture (e.g. the Japanese titles) with the real loader and publishes it with the real refresh. */
export async function publishTrendingFixture(name: string, outDir: string): Promise<void> {
  const sql = await openScratchDatabase();
  try {
    await migrate(sql);
    await loadTrendingFixture(sql, name);
    await publishWithRefresh(sql, outDir);
  } finally {
    await sql.close();
  }
}
