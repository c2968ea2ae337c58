import { openPgClient } from './pgClient.ts';
import type { SqlClient } from './SqlClient.ts';

export interface OpenSqlClientOptions {
  /** A `postgres://` or `postgresql://` URL. */
  readonly databaseUrl: string;
  readonly statementTimeoutMs?: number;
  readonly applicationName?: string;
}

/** Opens a pool on the PostgreSQL server named by a URL, checking the URL's form first. */
export function openSqlClient(options: OpenSqlClientOptions): SqlClient & { pool: import('pg').Pool } {
  if (!/^postgres(ql)?:\/\//.test(options.databaseUrl)) {
    throw new Error('DATABASE_URL must start with postgres:// or postgresql://');
  }
  return openPgClient({
    connectionString: options.databaseUrl,
    ...(options.statementTimeoutMs ? { statementTimeoutMs: options.statementTimeoutMs } : {}),
    ...(options.applicationName ? { applicationName: options.applicationName } : {}),
  });
}
