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
