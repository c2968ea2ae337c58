import type pg from 'pg';
import type { SqlClient } from '../../db/sql/SqlClient.ts';
import { openPgRawBackend } from './pgRawBackend.ts';
import type { RawBackend } from './rawBackend.ts';

/** Reaches below the SqlClient port of a pg client to the database the endpoint serves. */
export function openRawBackend(
  sql: SqlClient,
  options: { statementTimeoutMs: number; maxConnections?: number },
): RawBackend {
  if (sql.dialect === 'pg' && 'pool' in sql) {
    return openPgRawBackend({ pool: sql.pool as pg.Pool, ...options });
  }
  throw new TypeError(
    `the local Data API endpoint serves a pg SqlClient (openSqlClient), not a '${sql.dialect}' client`,
  );
}
