import { openPgClient } from './pgClient.ts';
import { openPgliteClient } from './pgliteClient.ts';
import type { SqlClient } from './SqlClient.ts';

/** Where the embedded database lives unless `--data-dir` says otherwise. */
export const DEFAULT_DATA_DIR = '.tubelens/pgdata';

export interface OpenSqlClientOptions {
  /** A `postgres://` URL selects a server; otherwise the embedded PGlite database is used. */
  readonly databaseUrl?: string | undefined;
  readonly dataDir?: string | undefined;
  readonly statementTimeoutMs?: number;
}

/** Opens the server named by DATABASE_URL, or the embedded database in `dataDir`. */
export async function openSqlClient(options: OpenSqlClientOptions = {}): Promise<SqlClient> {
  if (options.databaseUrl) {
    if (!/^postgres(ql)?:\/\//.test(options.databaseUrl)) {
      throw new Error('DATABASE_URL must start with postgres:// or postgresql://');
    }
    return openPgClient({
      connectionString: options.databaseUrl,
      ...(options.statementTimeoutMs ? { statementTimeoutMs: options.statementTimeoutMs } : {}),
    });
  }
  const dataDir = options.dataDir ?? DEFAULT_DATA_DIR;
  const { mkdir } = await import('node:fs/promises');
  await mkdir(dataDir, { recursive: true });
  return openPgliteClient({ dataDir });
}
