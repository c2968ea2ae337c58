/**
 * What the endpoint needs from a database, one level below the SqlClient port: PostgreSQL's own
 * text for every value (so timestamps keep their microseconds and int8 its digits), the column
 * type OIDs, and sessions that stay open across HTTP calls for BeginTransaction.
 */
export interface RawField {
  readonly name: string;
  readonly oid: number;
  /** Type modifier (numeric precision and scale, varchar length); -1 when unknown. */
  readonly typmod: number;
  /** The table and column number the value comes from, when the driver reports them. */
  readonly tableOid?: number;
  readonly column?: number;
}

export interface RawResult {
  readonly fields: readonly RawField[];
  /** Each value in PostgreSQL's text output format, or null. */
  readonly rows: readonly (readonly (string | null)[])[];
  /** Whether the statement produced a row description (SELECT, ... RETURNING, SHOW). */
  readonly returnsRows: boolean;
  /** Rows inserted, updated or deleted. */
  readonly affectedRows: number;
}

export interface RawStatement {
  readonly text: string;
  readonly values: readonly (string | Uint8Array | null)[];
}

export interface RawExecutor {
  run(statement: RawStatement): Promise<RawResult>;
  /** Runs with the database's statement timeout switched off (continueAfterTimeout). */
  runUntimed(statement: RawStatement): Promise<RawResult>;
  /** Backend process id: StatementTimeoutException.dbConnectionId. */
  readonly connectionId: number;
}

/** A connection held for one Data API transaction, from BEGIN until COMMIT or ROLLBACK. */
export interface RawSession extends RawExecutor {
  commit(): Promise<void>;
  rollback(): Promise<void>;
}

export interface RawBackend {
  /** Runs `fn` on one connection in autocommit mode. */
  withConnection<T>(fn: (executor: RawExecutor) => Promise<T>): Promise<T>;
  /** Opens a transaction on a dedicated connection, so transactions are isolated from each other. */
  begin(): Promise<RawSession>;
  close(): Promise<void>;
}
