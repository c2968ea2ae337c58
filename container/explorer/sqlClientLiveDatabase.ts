import { setTimeout as sleep } from 'node:timers/promises';
import type { SqlClient, SqlExecutor } from '../../db/sql/SqlClient.ts';
import { QueryCancelledError, QueryTimeoutError } from './errors.ts';
import { isQueryCanceled, type LiveDatabase, type LiveDatabaseOptions } from './liveDatabase.ts';

/**
 * Live queries over any SqlClient (the embedded PGlite locally). A statement already running
 * cannot be interrupted on one embedded connection, so a superseded unit of work stops before its
 * next statement and its answer is dropped by the caller.
 */
export function sqlClientLiveDatabase(sql: SqlClient, options: LiveDatabaseOptions): LiveDatabase {
  const timeout = Math.max(1, Math.floor(options.statementTimeoutMs));
  const check = (signal?: AbortSignal) => {
    if (signal?.aborted) throw new QueryCancelledError('superseded by a newer state');
  };
  return {
    dialect: sql.dialect,
    async readOnly(work, signal) {
      check(signal);
      if (options.testDelayMs) await sleep(options.testDelayMs);
      check(signal);
      try {
        return await sql.transaction(async (tx) => {
          await tx.query('SET TRANSACTION READ ONLY');
          await tx.query(`SET LOCAL statement_timeout = ${timeout}`);
          const guarded: SqlExecutor = {
            query: (text, params) => {
              check(signal);
              return tx.query(text, params);
            },
          };
          return work(guarded);
        });
      } catch (error) {
        if (error instanceof QueryCancelledError) throw error;
        if (isQueryCanceled(error)) throw new QueryTimeoutError(options.statementTimeoutMs, { cause: error });
        throw error;
      }
    },
    async ping() {
      await sql.query('SELECT 1');
    },
    async close() {},
  };
}
