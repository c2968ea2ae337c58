/** Errors of the trending-file loader. Each names the file (and line when there is one). */
export class LoadError extends Error {
  override name = 'LoadError';
  readonly file: string;
  /** 1-based physical line (counting "\n") where the problem starts, when one is known. */
  readonly line: number | undefined;
  constructor(file: string, line: number | undefined, reason: string, options?: ErrorOptions) {
    super(`${file}${line === undefined ? '' : `: line ${line}`}: ${reason}`, options);
    this.file = file;
    this.line = line;
  }
}

/** A record that cannot be loaded; in strict mode the first one stops the file. */
export class BadRecordError extends LoadError {
  override name = 'BadRecordError';
  readonly reason: string;
  constructor(file: string, line: number, reason: string, options?: ErrorOptions) {
    super(file, line, reason, options);
    this.reason = reason;
  }
}

/** A category file that is not a videoCategories.list response. */
export class CategoryFileError extends Error {
  override name = 'CategoryFileError';
}
