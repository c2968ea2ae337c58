import { DataApiError } from './errors.ts';

/** Operations AWS lists DatabaseResumingException for (Commit and Rollback do not have it). */
const RESUMABLE = new Set(['Execute', 'BatchExecute', 'BeginTransaction', 'ExecuteSql']);

const SERVER_FAULTS = {
  500: 'InternalServerErrorException',
  502: 'InternalServerErrorException',
  503: 'ServiceUnavailableError',
  504: 'DatabaseUnavailableException',
} as const;
export type ServerFaultStatus = keyof typeof SERVER_FAULTS;

/**
 * Faults that cannot be produced for real on a local database: an Aurora Serverless v2 cluster
 * waking from zero capacity, and server-side failures. Tests switch them on; each is used once.
 */
export class DataApiFaults {
  #resuming = 0;
  readonly #failures: ServerFaultStatus[] = [];
  readonly #resourceArn: string;

  constructor(resourceArn: string) {
    this.#resourceArn = resourceArn;
  }

  /** The next `count` Execute/BatchExecute/BeginTransaction calls answer DatabaseResumingException. */
  resumeNext(count = 1) {
    this.#resuming += count;
  }

  /** The next `count` calls of any operation answer a server fault with this HTTP status. */
  failNext(status: ServerFaultStatus = 500, count = 1) {
    for (let i = 0; i < count; i += 1) this.#failures.push(status);
  }

  clear() {
    this.#resuming = 0;
    this.#failures.length = 0;
  }

  /** Faults still waiting to fire. */
  get pending() {
    return { resuming: this.#resuming, failures: this.#failures.length };
  }

  /** The fault for this call, if one is due. */
  take(operation: string): DataApiError | undefined {
    const status = this.#failures.shift();
    if (status !== undefined) {
      return new DataApiError(SERVER_FAULTS[status], 'The service encountered an internal error.', {
        status,
      });
    }
    if (this.#resuming > 0 && RESUMABLE.has(operation)) {
      this.#resuming -= 1;
      return new DataApiError(
        'DatabaseResumingException',
        `The Aurora DB instance ${this.#resourceArn} is resuming after being auto-paused. Please wait a few seconds and try again.`,
      );
    }
    return undefined;
  }
}
