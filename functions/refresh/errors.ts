/** Errors of the refresh. Each keeps the lower-level failure as `cause`. */

/** Configuration is missing or malformed: raised once, at cold start. */
export class RefreshConfigError extends Error {
  override name = 'RefreshConfigError';
}

/** The object store failed (a write, a read, a list or a delete). */
export class ObjectStoreError extends Error {
  override name = 'ObjectStoreError';
  readonly key: string;
  constructor(message: string, key: string, options?: ErrorOptions) {
    super(message, options);
    this.key = key;
  }
}

/** Another run holds the refresh lease, or this run lost it before publishing. */
export class RefreshLockedError extends Error {
  override name = 'RefreshLockedError';
}

/** A report failed its own schema: a bug in a query, never published. */
export class ReportValidationError extends Error {
  override name = 'ReportValidationError';
  readonly report: string;
  constructor(message: string, report: string, options?: ErrorOptions) {
    super(message, options);
    this.report = report;
  }
}

/** A fanned-out run misses its plan or a batch's result: it publishes nothing. */
export class FanOutIncompleteError extends Error {
  override name = 'FanOutIncompleteError';
}
