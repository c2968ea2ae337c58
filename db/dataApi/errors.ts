/** Errors of the Data API adapter. Each keeps the SDK exception it came from as `cause`. */

/** A statement PostgreSQL rejected, reported through the Data API (`...; SQLState: 23505`). */
export class DataApiQueryError extends Error {
  override name = 'DataApiQueryError';
  /** SQLSTATE, like `code` on a pg error, so callers can test for 23505 whichever adapter ran. */
  readonly code: string | undefined;
  /** The Data API exception class, e.g. DatabaseErrorException. */
  readonly exception: string;
  constructor(message: string, exception: string, code: string | undefined, options?: ErrorOptions) {
    super(message, options);
    this.exception = exception;
    this.code = code;
  }
}

/** The database was still resuming from auto-pause when the retry budget ran out. */
export class DatabaseResumeTimeoutError extends Error {
  override name = 'DatabaseResumeTimeoutError';
  readonly attempts: number;
  constructor(message: string, attempts: number, options?: ErrorOptions) {
    super(message, options);
    this.attempts = attempts;
  }
}

/** A transaction executor was used after its transaction had ended. */
export class TransactionClosedError extends Error {
  override name = 'TransactionClosedError';
}
