/** The published data could not be fetched: not there (404) or not reachable. */
export class DataMissingError extends Error {
  override name = 'DataMissingError';
  readonly status: number | undefined;
  constructor(message: string, options: { status?: number; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.status = options.status;
  }
}

/** The data arrived but is not what the contract describes (corrupt JSON, wrong shape). */
export class DataInvalidError extends Error {
  override name = 'DataInvalidError';
}
