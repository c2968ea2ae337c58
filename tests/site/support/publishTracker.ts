import { loadFile } from '../../../db/load/loadFile.ts';
import { openTrendingFile } from '../../../db/load/openTrendingFile.ts';
import { migrate } from '../../../db/migrate.ts';
import { openScratchDatabase } from '../../support/backends.ts';
import { publishWithRefresh } from './publishFixture.ts';

/**
 * Loads the tracker fixtures (tests/fixtures/tracker: channels, 60 days of daily channel
 * snapshots, video snapshots) into a fresh database with the real loader and publishes them
 * with the real refresh into `outDir`.
 */
export async function publishTracker(outDir: string): Promise<void> {
  const sql = await openScratchDatabase();
  try {
    await migrate(sql);
    for (const name of ['channels.csv', 'channel_daily.csv', 'video_snapshots.csv']) {
      const file = `tests/fixtures/tracker/${name}`;
      await loadFile(sql, await openTrendingFile(file), { file });
    }
    await publishWithRefresh(sql, outDir);
  } finally {
    await sql.close();
  }
}
