/** Errors of the embedded PostgreSQL server. The message says what to do; `cause` keeps the detail. */
export class EmbeddedPostgresError extends Error {
  override name = 'EmbeddedPostgresError';
}

/** The data dir holds a PGlite database that could not be converted; nothing was changed. */
export class PgliteConversionError extends Error {
  override name = 'PgliteConversionError';
}
