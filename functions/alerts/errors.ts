/** Errors of the alerts job. Each keeps the lower-level failure as `cause`. */

/** Configuration is missing or malformed: raised once, at cold start. */
export class AlertsConfigError extends Error {
  override name = 'AlertsConfigError';
}

/** A destination did not accept a message; the deliveries stay pending for the next run. */
export class AlertSendError extends Error {
  override name = 'AlertSendError';
}
