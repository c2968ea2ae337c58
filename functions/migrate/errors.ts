/** Errors of the migrate function. Each keeps the lower-level failure as `cause`. */

/** The function's environment is missing or malformed. */
export class MigrateConfigError extends Error {
  override name = 'MigrateConfigError';
}

/** The event is not a CloudFormation custom resource request this function understands. */
export class CustomResourceEventError extends Error {
  override name = 'CustomResourceEventError';
}

/** The answer could not be delivered to CloudFormation's pre-signed response URL. */
export class CustomResourceResponseError extends Error {
  override name = 'CustomResourceResponseError';
}

/** Migrations did not finish before the function had to answer CloudFormation. */
export class MigrateTimeoutError extends Error {
  override name = 'MigrateTimeoutError';
}

/** A deployment login (explorer, ingest, refresh) could not be given its password or role. */
export class DatabaseLoginError extends Error {
  override name = 'DatabaseLoginError';
}
