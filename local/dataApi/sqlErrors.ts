import { DataApiError } from './errors.ts';

interface PgErrorFields {
  code?: string;
  message?: string;
  detail?: string;
  hint?: string;
  position?: string;
  severity?: string;
}

/** Whether an error came from PostgreSQL (it carries a five-character SQLSTATE). */
export function isPgError(error: unknown): error is PgErrorFields & Error {
  const code = (error as PgErrorFields | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code);
}

/**
 * PostgreSQL's error as the Data API reports it: the JDBC driver's text of the server message
 * (`ERROR: ...`, then Detail, Hint and Position lines) followed by `; SQLState: XXXXX`.
 */
export function formatPgError(error: PgErrorFields): string {
  let text = `ERROR: ${error.message ?? 'unknown error'}`;
  if (error.detail) text += `\n  Detail: ${error.detail}`;
  if (error.hint) text += `\n  Hint: ${error.hint}`;
  if (error.position) text += `\n  Position: ${error.position}`;
  return `${text}; SQLState: ${error.code}`;
}

export type SqlErrorType = 'DatabaseErrorException' | 'BadRequestException';

const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND']);

/** Turns what the database threw into the Data API error AWS would answer with. */
export function toDataApiError(
  error: unknown,
  sqlErrorType: SqlErrorType,
  connectionId: number,
): DataApiError {
  if (error instanceof DataApiError) return error;
  if (isPgError(error)) {
    if (error.code === '57014' && /statement timeout/.test(error.message ?? '')) {
      return statementTimeout(connectionId, error);
    }
    return new DataApiError(sqlErrorType, formatPgError(error), { cause: error });
  }
  const code = (error as { code?: string } | null)?.code;
  if (code && CONNECTION_CODES.has(code)) {
    return new DataApiError('DatabaseUnavailableException', 'The database is unavailable.', { cause: error });
  }
  return new DataApiError('InternalServerErrorException', 'The service encountered an internal error.', {
    cause: error,
  });
}

export function statementTimeout(connectionId: number, cause?: unknown): DataApiError {
  return new DataApiError(
    'StatementTimeoutException',
    'ERROR: canceling statement due to statement timeout; SQLState: 57014',
    { cause, extra: { dbConnectionId: connectionId } },
  );
}
