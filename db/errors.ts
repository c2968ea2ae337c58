/** Errors of the data layer. Each keeps the lower-level failure as `cause`. */
export class MigrationError extends Error {
  override name = 'MigrationError';
  readonly version: number;
  constructor(message: string, version: number, options?: ErrorOptions) {
    super(message, options);
    this.version = version;
  }
}
