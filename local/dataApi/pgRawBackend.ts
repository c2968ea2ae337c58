import pg from 'pg';
import type { RawBackend, RawExecutor, RawResult, RawSession, RawStatement } from './rawBackend.ts';

// Every value stays in PostgreSQL's text form; the endpoint encodes it the way AWS does.
const rawTypes = { getTypeParser: () => (text: string) => text } as unknown as pg.CustomTypesConfig;

async function runOn(client: pg.PoolClient, statement: RawStatement): Promise<RawResult> {
  const result = await client.query({
    text: statement.text,
    values: statement.values.map((v) => (v instanceof Uint8Array ? Buffer.from(v) : v)),
    rowMode: 'array',
    types: rawTypes,
  });
  const fields = result.fields ?? [];
  return {
    fields: fields.map((f) => ({
      name: f.name,
      oid: f.dataTypeID,
      typmod: f.dataTypeModifier,
      tableOid: f.tableID,
      column: f.columnID,
    })),
    rows: result.rows as (string | null)[][],
    returnsRows: fields.length > 0,
    affectedRows: fields.length > 0 ? 0 : (result.rowCount ?? 0),
  };
}

function executorOf(client: pg.PoolClient, pid: number, timeoutMs: number): RawExecutor {
  return {
    connectionId: pid,
    run: (statement) => runOn(client, statement),
    async runUntimed(statement) {
      await client.query('SET statement_timeout = 0');
      try {
        return await runOn(client, statement);
      } finally {
        await client.query(`SET statement_timeout = ${timeoutMs}`).catch(() => {});
      }
    },
  };
}

export interface PgRawBackendOptions {
  /** The pool of the pg SqlClient; the endpoint opens its own pool with the same settings. */
  readonly pool: pg.Pool;
  readonly statementTimeoutMs: number;
  /** Connections the endpoint may hold: open transactions plus autocommit calls. */
  readonly maxConnections?: number;
}

/**
 * The endpoint's own pg pool: every session runs in UTC with hex bytea output and the Data API
 * statement timeout, and each BeginTransaction holds one connection until it ends.
 */
export function openPgRawBackend(options: PgRawBackendOptions): RawBackend {
  // The client's own statement_timeout would override the Data API's 45 s; drop it.
  const { statement_timeout: _ignored, ...base } = options.pool.options as pg.PoolConfig;
  const pool = new pg.Pool({
    ...base,
    max: options.maxConnections ?? 20,
    application_name: 'tubelens-data-api',
    options: `-c TimeZone=UTC -c bytea_output=hex -c statement_timeout=${options.statementTimeoutMs}`,
  });
  // An idle connection that the server drops emits 'error' on the pool; the next call reconnects.
  pool.on('error', () => {});
  const pidOf = (client: pg.PoolClient) => (client as unknown as { processID: number }).processID;
  return {
    async withConnection(fn) {
      const client = await pool.connect();
      try {
        return await fn(executorOf(client, pidOf(client), options.statementTimeoutMs));
      } finally {
        client.release();
      }
    },
    async begin(): Promise<RawSession> {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
      } catch (error) {
        client.release(error as Error);
        throw error;
      }
      let released = false;
      const end = async (sql: string) => {
        if (released) return;
        released = true;
        try {
          await client.query(sql);
          client.release();
        } catch (error) {
          // A connection whose COMMIT or ROLLBACK failed is not reused.
          client.release(error as Error);
          throw error;
        }
      };
      return {
        ...executorOf(client, pidOf(client), options.statementTimeoutMs),
        commit: () => end('COMMIT'),
        rollback: () => end('ROLLBACK'),
      };
    },
    close: () => pool.end(),
  };
}
