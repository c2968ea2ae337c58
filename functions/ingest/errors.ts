/** Errors of the ingest. Each keeps the lower-level failure as `cause`; none carries the API key. */

/** A required setting is missing or malformed (raised once, at cold start). */
export class IngestConfigError extends Error {
  override name = 'IngestConfigError';
}

/** The YouTube Data API answered with an error that is not worth retrying. */
export class YouTubeApiError extends Error {
  override name = 'YouTubeApiError';
  /** HTTP status, or 0 when no response came back. */
  readonly status: number;
  /** The API's `error.errors[0].reason` (e.g. keyInvalid), or `error.status`, or ''. */
  readonly reason: string;
  constructor(message: string, status: number, reason: string, options?: ErrorOptions) {
    super(message, options);
    this.status = status;
    this.reason = reason;
  }
}

/** The API refused the key or the project (keyInvalid, forbidden, accessNotConfigured...). */
export class YouTubeAuthError extends YouTubeApiError {
  override name = 'YouTubeAuthError';
}

/** The project's daily quota is spent (403 quotaExceeded / dailyLimitExceeded). */
export class QuotaExceededError extends YouTubeApiError {
  override name = 'QuotaExceededError';
}

/** This run's own unit budget is spent; raised before a call would exceed it. */
export class BudgetExhaustedError extends Error {
  override name = 'BudgetExhaustedError';
}

/** The run is close to its time limit (a Lambda has at most 15 minutes). */
export class TimeLimitError extends Error {
  override name = 'TimeLimitError';
}

/** A response did not have the shape the API documents: nothing from it is written. */
export class YouTubeResponseError extends Error {
  override name = 'YouTubeResponseError';
}

/** A channel to track could not be found or the input is not a channel id or @handle. */
export class ChannelNotFoundError extends Error {
  override name = 'ChannelNotFoundError';
}

/** Another ingest holds the lock. */
export class IngestBusyError extends Error {
  override name = 'IngestBusyError';
}
