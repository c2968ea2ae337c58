/**
 * The limits AWS documents for the RDS Data API (see docs/data-api.md for sources). Every one is an
 * option of `startDataApiServer` so a test can reach it with small data; these are the defaults.
 */
export const dataApiLimits = {
  /** "The response size limit is 1 MiB. If the call returns more than 1 MiB ... the call is terminated." */
  maxResponseBytes: 1024 * 1024,
  /** formatRecordsAs JSON: "The JSON formatted results are limited to 10 MB." */
  maxJsonResponseBytes: 10 * 1024 * 1024,
  /** Troubleshooting, "Packet for query is too large": 64 KB per row of the result set. */
  maxRowBytes: 64 * 1024,
  /** Request body, headers and JSON included: 4 MiB. */
  maxRequestBytes: 4 * 1024 * 1024,
  /** SqlStatement length constraint in the service model. */
  maxSqlLength: 65_536,
  /** A call that runs longer than 45 s is cancelled (data-api-timeouts). */
  statementTimeoutMs: 45_000,
  /** A transaction with no call for 3 minutes is rolled back (BeginTransaction docs). */
  transactionIdleMs: 3 * 60_000,
  /** A transaction can run for at most 24 hours (BeginTransaction docs). */
  transactionMaxMs: 24 * 60 * 60_000,
} as const;

export type DataApiLimits = { -readonly [K in keyof typeof dataApiLimits]: number };
