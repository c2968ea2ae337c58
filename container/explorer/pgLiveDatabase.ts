import pg from 'pg';
import { bindParams } from '../../db/sql/bindParams.ts';
import { decoderFor } from '../../db/sql/decodeText.ts';
import type { QueryResult, Row } from '../../db/sql/SqlClient.ts';
import { PoolBusyError, QueryCancelledError, QueryTimeoutError } from './errors.ts';
import {
  isQueryCanceled,
  type LiveDatabase,
  type LiveDatabaseOptions,
  type LiveExecutor,
} from './liveDatabase.ts';
import { replicaLagQuery } from './queries/replicaLagQuery.ts';

const types = {
  getTypeParser: ((oid: number, format?: string) =>
    decoderFor(oid) ?? pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

/** A reader's lag changes slowly and matters only past seconds: measure each connection at most every 5 s. */
const LAG_CACHE_MS = 5000;

function executorOf(
  client: pg.PoolClient,
  signal: AbortSignal | undefined,
  lags: WeakMap<pg.PoolClient, { seconds: number | null; at: number }>,
): LiveExecutor {
  const executor: LiveExecutor = {
    async query<R extends Row>(text: string, params?: readonly unknown[]) {
      if (signal?.aborted) throw new QueryCancelledError('superseded by a newer state');
      const bound = bindParams(text, params as never);
      const result = await client.query<R>({ text: bound.text, values: bound.values as unknown[], types });
      return {
        rows: result.rows,
        rowCount: result.rows.length,
        fields: result.fields.map((f) => ({ name: f.name, dataTypeID: f.dataTypeID })),
      } satisfies QueryResult<R>;
    },
    async replicaLagSeconds() {
      const cached = lags.get(client);
      if (cached && performance.now() - cached.at < LAG_CACHE_MS) return cached.seconds;
      const seconds = await replicaLagQuery(executor);
      lags.set(client, { seconds, at: performance.now() });
      return seconds;
    },
  };
  return executor;
}

/**
 * Whether the pool hands out a connection that answers `SELECT 1` within `timeoutMs`. The check
 * goes on in the background past the timeout, and gives its connection back then.
 */
async function pingWithin(pool: pg.Pool, timeoutMs: number): Promise<void> {
  const check = (async () => {
    const client = await pool.connect();
    try {
      await client.query('SELECT 1');
      client.release();
    } catch (error) {
      client.release(error as Error);
      throw error;
    }
  })();
  check.catch(() => {});
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new PoolBusyError(`the pool handed out no working connection within ${timeoutMs} ms`)),
      timeoutMs,
    );
  });
  try {
    await Promise.race([check, late]);
  } finally {
    clearTimeout(timer);
  }
}

export interface PgLiveDatabaseOptions extends LiveDatabaseOptions {
  /**
   * The pool's connections were opened read-only with the statement timeout already set
   * (`-c default_transaction_read_only=on -c statement_timeout=N`, see openLiveDatabase): a view
   * then runs its statements without BEGIN/COMMIT, two round trips fewer. Work that needs one
   * snapshot or a cursor (the CSV export) still gets a transaction.
   */
  readonly readOnlySessions?: boolean;
}

/**
 * Live queries over a pg pool. Each unit of work takes one pooled connection, reads in a READ ONLY
 * transaction with `SET LOCAL statement_timeout` (or on a read-only session), and on abort asks
 * the server to stop it with pg_cancel_backend(pid) over a separate one-connection pool (so a
 * cancel never waits behind the busy pool it is trying to relieve). A connection whose work was
 * cancelled is discarded rather than reused: a cancel signal that lands late must not hit the
 * next session's statement.
 */
export function pgLiveDatabase(pool: pg.Pool, options: PgLiveDatabaseOptions): LiveDatabase {
  const control = new pg.Pool({ ...pool.options, max: 1, idleTimeoutMillis: 30_000 });
  control.on('error', () => {});
  const lags = new WeakMap<pg.PoolClient, { seconds: number | null; at: number }>();
  const begin = `BEGIN READ ONLY; SET LOCAL statement_timeout = ${Math.max(1, Math.floor(options.statementTimeoutMs))}`;
  return {
    dialect: 'pg',
    async readOnly(work, signal, { snapshot = false } = {}) {
      if (signal?.aborted) throw new QueryCancelledError('superseded by a newer state');
      const transaction = snapshot || !options.readOnlySessions;
      const client = await pool.connect();
      let cancelled = false;
      const onAbort = () => {
        cancelled = true;
        control
          .query('SELECT pg_cancel_backend($1)', [(client as unknown as { processID: number }).processID])
          .catch(() => {});
      };
      try {
        // Simple-protocol multi-statement: one round trip for both.
        if (transaction) await client.query(begin);
        signal?.addEventListener('abort', onAbort, { once: true });
        if (options.testDelayMs) await client.query('SELECT pg_sleep($1)', [options.testDelayMs / 1000]);
        const result = await work(executorOf(client, signal, lags));
        if (transaction) await client.query('COMMIT');
        return result;
      } catch (error) {
        if (transaction) await client.query('ROLLBACK').catch(() => {});
        if (cancelled || signal?.aborted) {
          throw new QueryCancelledError('superseded by a newer state', { cause: error });
        }
        if (isQueryCanceled(error)) throw new QueryTimeoutError(options.statementTimeoutMs, { cause: error });
        throw error;
      } finally {
        signal?.removeEventListener('abort', onAbort);
        client.release(cancelled ? new Error('cancelled') : undefined);
      }
    },
    ping: (timeoutMs) => pingWithin(pool, timeoutMs),
    async close() {
      await control.end();
    },
  };
}
