/**
 * Errors of the local Data API endpoint. Each becomes one HTTP response with the exception name in
 * `x-amzn-ErrorType` (the header the AWS SDK reads first) and `{ message }` in the body, so the
 * real `@aws-sdk/client-rds-data` client throws the same exception class it would throw on AWS.
 */
export type DataApiErrorType =
  | 'AccessDeniedException'
  | 'BadRequestException'
  | 'DatabaseErrorException'
  | 'DatabaseNotFoundException'
  | 'DatabaseResumingException'
  | 'DatabaseUnavailableException'
  | 'ForbiddenException'
  | 'HttpEndpointNotEnabledException'
  | 'InternalServerErrorException'
  | 'MissingAuthenticationTokenException'
  | 'NotFoundException'
  | 'SecretsErrorException'
  | 'ServiceUnavailableError'
  | 'StatementTimeoutException'
  | 'TransactionNotFoundException'
  | 'UnknownOperationException'
  | 'UnsupportedResultException'
  | 'ValidationException';

/** HTTP status of each exception, from the service model (rds-data 2018-08-01). */
export const statusOf: Record<DataApiErrorType, number> = {
  AccessDeniedException: 403,
  BadRequestException: 400,
  DatabaseErrorException: 400,
  DatabaseNotFoundException: 404,
  DatabaseResumingException: 400,
  DatabaseUnavailableException: 504,
  ForbiddenException: 403,
  HttpEndpointNotEnabledException: 400,
  InternalServerErrorException: 500,
  MissingAuthenticationTokenException: 403,
  NotFoundException: 404,
  SecretsErrorException: 400,
  ServiceUnavailableError: 503,
  StatementTimeoutException: 400,
  TransactionNotFoundException: 404,
  UnknownOperationException: 404,
  UnsupportedResultException: 400,
  ValidationException: 400,
};

/** One Data API error response. `extra` adds members such as StatementTimeoutException.dbConnectionId. */
export class DataApiError extends Error {
  override name = 'DataApiError';
  readonly type: DataApiErrorType;
  readonly status: number;
  readonly extra: Record<string, unknown>;
  constructor(
    type: DataApiErrorType,
    message: string,
    options?: ErrorOptions & { extra?: Record<string, unknown>; status?: number },
  ) {
    super(message, options);
    this.type = type;
    this.status = options?.status ?? statusOf[type];
    this.extra = options?.extra ?? {};
  }
}

/** The body AWS-style services answer with; server faults (5xx) carry no message member. */
export function errorBody(error: DataApiError): Record<string, unknown> {
  if (error.status >= 500) return { message: error.message };
  return { message: error.message, ...error.extra };
}

/** Constraint violations are reported in the Coral format AWS services share. */
export function validationError(member: string, constraint: string, value?: unknown): DataApiError {
  const shown = value === undefined ? 'null' : `'${String(value).slice(0, 200)}'`;
  return new DataApiError(
    'ValidationException',
    `1 validation error detected: Value ${shown} at '${member}' failed to satisfy constraint: ${constraint}`,
  );
}
