/**
 * Data API failures that mean "the cluster is not ready yet", not "the migration is wrong". On the
 * first deploy CloudFormation calls the migrate function the moment the instance reports available;
 * the HTTP endpoint, the secret attachment or the instance itself may lag behind by seconds.
 * MigrationError wraps the original failure, so the whole `cause` chain is searched.
 */
const NOT_READY = new Set([
  'HttpEndpointNotEnabledException',
  'InvalidResourceStateException',
  'DatabaseUnavailableException',
  'ServiceUnavailableError',
  'InternalServerErrorException',
  'DatabaseResumeTimeoutError',
]);

export function isDatabaseNotReady(error: unknown): boolean {
  for (
    let e = error as { name?: unknown; cause?: unknown } | undefined, depth = 0;
    e && depth < 10;
    depth += 1
  ) {
    if (typeof e.name === 'string' && NOT_READY.has(e.name)) return true;
    e = e.cause as typeof e;
  }
  return false;
}
