import type { PGlite } from '@electric-sql/pglite';
import type pg from 'pg';
import type { SqlClient } from '../../db/sql/SqlClient.ts';
import { openPgliteRawBackend } from './pgliteRawBackend.ts';
import { openPgRawBackend } from './pgRawBackend.ts';
import type { RawBackend } from './rawBackend.ts';

/** Reaches below the SqlClient port of a PGlite or pg client to the database the endpoint serves. */
export function openRawBackend(
  sql: SqlClient,
  options: { statementTimeoutMs: number; maxConnections?: number; log?: (line: string) => void },
): RawBackend {
  if (sql.dialect === 'pglite' && 'db' in sql) return openPgliteRawBackend(sql.db as PGlite, options.log);
  if (sql.dialect === 'pg' && 'pool' in sql) {
    return openPgRawBackend({ pool: sql.pool as pg.Pool, ...options });
  }
  throw new TypeError(
    `the local Data API endpoint serves a PGlite or pg SqlClient (openSqlClient), not a '${sql.dialect}' client`,
  );
}
