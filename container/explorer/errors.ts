/** Errors of the explorer. The WebSocket and HTTP edges turn them into messages and statuses. */
import type { ErrorCode } from '../shared/protocol.ts';

/** A problem with what the client sent: the message is shown to the user, the session goes on. */
export class ProtocolError extends Error {
  override name = 'ProtocolError';
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
  }
}

/** A query was stopped because a newer state superseded it (latest wins). */
export class QueryCancelledError extends Error {
  override name = 'QueryCancelledError';
}

/** A query ran past the statement timeout. */
export class QueryTimeoutError extends Error {
  override name = 'QueryTimeoutError';
  readonly timeoutMs: number;
  constructor(timeoutMs: number, options?: ErrorOptions) {
    super(`the query took longer than ${timeoutMs / 1000} s and was stopped; narrow the filters`, options);
    this.timeoutMs = timeoutMs;
  }
}

/** Bad configuration, found at start-up. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** The shared session store (Redis) did not answer, and this process has no copy of the session. */
export class SessionStoreUnavailableError extends Error {
  override name = 'SessionStoreUnavailableError';
}

/** The pool could not hand out a connection in time (readiness). */
export class PoolBusyError extends Error {
  override name = 'PoolBusyError';
}

/** The selection is larger than an export may be (EXPLORER_EXPORT_MAX_ROWS). */
export class ExportTooLargeError extends Error {
  override name = 'ExportTooLargeError';
  readonly maxRows: number;
  constructor(maxRows: number) {
    super(`the selection has more than ${maxRows.toLocaleString('en-US')} videos; narrow it to export`);
    this.maxRows = maxRows;
  }
}

/** The client of a streamed answer went away or stopped reading; the work behind it stops. */
export class ClientGoneError extends Error {
  override name = 'ClientGoneError';
}

/** A token was refused: missing, expired, not for this explorer, or not signed by the issuer (401). */
export class TokenRejectedError extends Error {
  override name = 'TokenRejectedError';
}

/** The issuer's keys could not be fetched, so no token can be checked right now (503). */
export class SignInUnavailableError extends Error {
  override name = 'SignInUnavailableError';
}
