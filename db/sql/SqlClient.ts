/**
 * The SQL client port: the one interface every part of tubelens uses to reach PostgreSQL.
 *
 * Adapters: `pg` (any PostgreSQL server: the embedded default, DATABASE_URL, the explorer's Aurora
 * connection) and the RDS Data API (Aurora from Lambda).
 * Both adapters decode rows to the same JavaScript types (see `decodeText.ts`), so a query
 * returns equal rows whichever adapter ran it.
 *
 * Rules that keep the two adapters interchangeable:
 * - Parameters are positional (`$1`, `$2`, ...) and always bound, never spliced into SQL text.
 * - One statement per call: the Data API rejects multi-statement SQL.
 * - No array parameters (the Data API has none): pass `param.json([...])` and unpack it in SQL
 *   with `jsonb_array_elements_text($1)` or `jsonb_to_recordset($1)`.
 * - Strings are bound as text/varchar. Compare them with uuid, date, timestamp, numeric or json
 *   columns through a typed parameter (`param.uuid(...)` etc.) or an explicit `::cast` in SQL:
 *   the Data API binds plain strings as varchar and fails otherwise, so the port does too.
 *
 * Decoded row types: int2/int4/oid → number; int8 → bigint (exact; cast to ::int or ::float8 in
 * SQL when a JS number is wanted); numeric → string (exact); float4/float8 → number; bool → boolean;
 * text/varchar/uuid/enum/time → string; date → 'YYYY-MM-DD' string; timestamp and timestamptz →
 * Date (a timestamp without zone is read as UTC); json/jsonb → parsed value; bytea → Uint8Array;
 * arrays → arrays of the decoded element type; NULL → null.
 */
import type { TypedParam } from './param.ts';

/** A value bound to a `$n` placeholder. */
export type SqlParam = null | boolean | number | bigint | string | Date | Uint8Array | TypedParam;

export type Row = Record<string, unknown>;

export interface QueryField {
  readonly name: string;
  /** PostgreSQL type OID of the column. */
  readonly dataTypeID: number;
}

export interface QueryResult<R extends Row = Row> {
  readonly rows: R[];
  /** Rows returned, or rows affected by INSERT/UPDATE/DELETE. */
  readonly rowCount: number;
  readonly fields: readonly QueryField[];
}

/** Runs one parameterised statement. Both the client and a transaction are executors. */
export interface SqlExecutor {
  query<R extends Row = Row>(text: string, params?: readonly SqlParam[]): Promise<QueryResult<R>>;
}

export type SqlDialect = 'pg' | 'data-api';

export interface SqlClient extends SqlExecutor {
  readonly dialect: SqlDialect;
  /**
   * Runs `fn` inside one transaction: committed when `fn` resolves, rolled back when it throws.
   * `fn` may be called again from the start if the adapter retries the whole transaction
   * (the Data API does on DatabaseResumingException), so it must not have outside side effects.
   * Statements on one transaction must not overlap: await each before sending the next.
   */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
