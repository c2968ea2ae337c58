import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { SqlClient } from '../sql/SqlClient.ts';
import { type CopyValue, copyLine } from './copyText.ts';

/** A plain row from a bulk session: cast columns in SQL (`::text`, `::int`) to know their types. */
export type BulkRow = Record<string, string | number | boolean | null>;

/**
 * One connection inside one open transaction, with COPY: what a bulk load needs and the port
 * does not offer (the Data API has no COPY). `commit` or `rollback` ends it. A pool connection
 * streaming `COPY ... FROM STDIN` through pg-copy-streams.
 */
export interface BulkSession {
  query(sql: string, params?: readonly unknown[]): Promise<BulkRow[]>;
  /** COPYs rows into `table (columns)`; calls onBatch with the rows written so far. */
  copy(
    table: string,
    columns: readonly string[],
    rows: AsyncIterable<readonly CopyValue[]> | Iterable<readonly CopyValue[]>,
    onBatch?: (rowsSoFar: number) => void,
  ): Promise<number>;
  /** COPYs text already in COPY format (whole lines, UTF-8) into `table (columns)`. */
  copyText(table: string, columns: readonly string[], blocks: readonly Uint8Array[]): Promise<void>;
  commit(): Promise<void>;
  rollback(): Promise<void>;
}

// Bytes per write to the COPY stream: large enough that the per-call overhead vanishes, small
// enough that memory stays flat.
const PG_CHUNK_BYTES = 256 * 2 ** 10;
const PROGRESS_EVERY = 5000;

/** Opens a bulk session on a pg client (the embedded server or DATABASE_URL). */
export async function openBulkSession(client: SqlClient): Promise<BulkSession> {
  if (client.dialect === 'pg' && 'pool' in client) return openPgSession(client.pool as pg.Pool);
  throw new Error(`bulk loading needs a pg connection (COPY), not ${client.dialect}`);
}

// A chunk of staged records (100,000 rows with their descriptions) is tens of MB; at the default
// 8 MB of temp_buffers the staging and key tables are written out to temporary files and read
// back by every statement of the merge. The buffers are allocated only as temporary tables use
// them. PostgreSQL refuses the setting once a session has touched a temporary table, so it is
// set on a pooled connection's first bulk session and left alone after that.
const TEMP_BUFFERS = '64MB';

async function useLargeTempBuffers(conn: pg.PoolClient): Promise<void> {
  const { rows } = await conn.query<{ value: string }>("SELECT current_setting('temp_buffers') AS value");
  if (rows[0]?.value !== TEMP_BUFFERS) await conn.query(`SET temp_buffers = '${TEMP_BUFFERS}'`);
}

async function openPgSession(pool: pg.Pool): Promise<BulkSession> {
  const conn = await pool.connect();
  await useLargeTempBuffers(conn);
  await conn.query('BEGIN');
  let released = false;
  const release = (error?: Error) => {
    if (!released) conn.release(error);
    released = true;
  };
  return {
    async query(sql, params) {
      const result = await conn.query(sql, params as unknown[]);
      return result.rows as BulkRow[];
    },
    async copy(table, columns, rows, onBatch) {
      const stream = conn.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
      // The server may reject the data while rows are still being produced; `finished` reports it.
      stream.on('error', () => {});
      let pending = '';
      let count = 0;
      try {
        for await (const row of rows) {
          pending += copyLine(row);
          count += 1;
          if (pending.length >= PG_CHUNK_BYTES) {
            if (!stream.write(pending)) await once(stream, 'drain');
            pending = '';
          }
          if (onBatch && count % PROGRESS_EVERY === 0) onBatch(count);
        }
        stream.end(pending);
        await finished(stream);
      } catch (error) {
        stream.destroy(error as Error);
        await finished(stream).catch(() => {});
        throw error;
      }
      onBatch?.(count);
      return count;
    },
    async copyText(table, columns, blocks) {
      const stream = conn.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
      stream.on('error', () => {});
      try {
        for (const block of blocks) if (!stream.write(block)) await once(stream, 'drain');
        stream.end();
        await finished(stream);
      } catch (error) {
        stream.destroy(error as Error);
        await finished(stream).catch(() => {});
        throw error;
      }
    },
    async commit() {
      try {
        await conn.query('COMMIT');
        release();
      } catch (error) {
        release(error as Error);
        throw error;
      }
    },
    async rollback() {
      try {
        await conn.query('ROLLBACK');
        release();
      } catch (error) {
        release(error as Error);
      }
    },
  };
}
