import type { SqlExecutor } from '../../db/sql/SqlClient.ts';

/**
 * How the explorer reaches the database: every unit of work runs in one read-only transaction
 * with a statement timeout, and can be cancelled through `signal` when a newer state supersedes it.
 * Adapter: `pgLiveDatabase` (a pg pool; cancels on the server with pg_cancel_backend), on Aurora
 * in AWS and on the embedded PostgreSQL locally alike.
 */
/** A unit of work's connection: statements, and how far behind the primary its server is. */
export interface LiveExecutor extends SqlExecutor {
  /**
   * Seconds this connection's server is behind the primary (a reader), or null on a primary.
   * Measured at most every few seconds per connection (queries/replicaLagQuery.ts).
   */
  replicaLagSeconds(): Promise<number | null>;
}

export interface LiveDatabase {
  readonly dialect: string;
  /**
   * Rejects with QueryCancelledError when aborted, QueryTimeoutError past the statement timeout.
   * `snapshot`: all statements must see one snapshot in one transaction (cursors need it).
   */
  readOnly<T>(
    work: (db: LiveExecutor) => Promise<T>,
    signal?: AbortSignal,
    options?: { snapshot?: boolean },
  ): Promise<T>;
  /**
   * Whether the pool hands out a connection that answers within `timeoutMs` (for /readyz);
   * rejects with PoolBusyError past it.
   */
  ping(timeoutMs: number): Promise<void>;
  close(): Promise<void>;
}

export interface LiveDatabaseOptions {
  /** Per-statement timeout in milliseconds. */
  readonly statementTimeoutMs: number;
  /**
   * Test hook: each unit of work first waits this long on the database (pg_sleep), so that tests can supersede a query that is really running. 0 in production.
   */
  readonly testDelayMs?: number;
}

/** PostgreSQL's SQLSTATE for a statement stopped by cancel or statement_timeout. */
export const QUERY_CANCELED = '57014';

export function isQueryCanceled(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === QUERY_CANCELED;
}
