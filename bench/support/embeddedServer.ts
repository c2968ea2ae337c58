import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  attachEmbeddedPostgres,
  type EmbeddedPostgres,
} from '../../local/postgres/attachEmbeddedPostgres.ts';
import { freshDatabase } from '../../tests/support/freshDatabase.ts';

/**
 * The embedded PostgreSQL a bench measures against: the product's default database, created in a
 * fresh data dir (mode 0755: as root the server runs as `postgres`), removed again by `close`.
 * `freshDatabase` gives each measurement an empty database of its own on that server.
 */
export async function startBenchServer(): Promise<{
  server: EmbeddedPostgres;
  freshDatabase(): Promise<{ url: string; drop(): Promise<void> }>;
  close(): Promise<void>;
}> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'tubelens-bench-db-'));
  await chmod(dir, 0o755);
  const server = await attachEmbeddedPostgres({ dataDir: dir, command: 'bench' });
  return {
    server,
    freshDatabase: () => freshDatabase(server.url),
    async close() {
      await server.release();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
