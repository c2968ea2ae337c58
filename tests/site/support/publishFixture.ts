import { migrate } from '../../../db/migrate.ts';
import type { SqlClient } from '../../../db/sql/SqlClient.ts';
import { directoryObjectStore } from '../../../functions/refresh/objectStore/directoryObjectStore.ts';
import { refreshReports } from '../../../functions/refresh/refreshReports.ts';
import { openScratchDatabase } from '../../support/backends.ts';
import { seedFixture } from './seedFixture.ts';

/** Runs the real refresh over `sql` and publishes into `outDir` (as `tubelens refresh --out` does). */
export async function publishWithRefresh(sql: SqlClient, outDir: string): Promise<void> {
  const result = await refreshReports({ sql, store: directoryObjectStore(outDir), kind: 'full' });
  if (result.status !== 'published')
    throw new Error(`the fixture refresh did not publish: ${JSON.stringify(result)}`);
}

/** Seeds a fresh database with the site fixture and publishes its reports into `outDir`. */
export async function publishFixture(outDir: string): Promise<void> {
  const sql = await openScratchDatabase();
  try {
    await migrate(sql);
    await seedFixture(sql);
    await publishWithRefresh(sql, outDir);
  } finally {
    await sql.close();
  }
}
