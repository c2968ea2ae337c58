import pg from 'pg';
import { bindParams } from './bindParams.ts';
import { decoderFor } from './decodeText.ts';
import type { QueryResult, Row, SqlClient, SqlExecutor, SqlParam } from './SqlClient.ts';

const types = {
  getTypeParser: ((oid: number, format?: string) =>
    decoderFor(oid) ?? pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

async function run<R extends Row>(db: pg.Pool | pg.PoolClient, text: string, params?: readonly SqlParam[]) {
  const bound = bindParams(text, params);
  const result = await db.query<R>({ text: bound.text, values: bound.values as unknown[], types });
  return {
    rows: result.rows,
    rowCount: result.command === 'SELECT' ? result.rows.length : (result.rowCount ?? result.rows.length),
    fields: result.fields.map((f) => ({ name: f.name, dataTypeID: f.dataTypeID })),
  } satisfies QueryResult<R>;
}

export interface PgClientOptions {
  readonly connectionString: string;
  /** Pool size; each explorer process keeps this many warm connections. */
  readonly max?: number;
  /** Per-statement timeout in milliseconds (0 = none). */
  readonly statementTimeoutMs?: number;
  readonly applicationName?: string;
}

/** SqlClient over a `pg` connection pool to a PostgreSQL server. */
export function openPgClient(options: PgClientOptions): SqlClient & { pool: pg.Pool } {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.max ?? 10,
    application_name: options.applicationName ?? 'tubelens',
    // Every session runs in UTC so that `timestamp` values and day boundaries match AWS.
    options: '-c TimeZone=UTC -c bytea_output=hex',
    ...(options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : {}),
  });
  // An idle client that loses its server connection emits 'error' on the pool; without a listener
  // that would crash the process. The next query gets a fresh connection.
  pool.on('error', () => {});
  return {
    dialect: 'pg',
    pool,
    query: (text, params) => run(pool, text, params),
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const executor: SqlExecutor = { query: (text, params) => run(client, text, params) };
        const result = await fn(executor);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
