import type { EndpointContext } from './EndpointContext.ts';
import type { DataApiError } from './errors.ts';
import type { RawExecutor, RawResult, RawStatement } from './rawBackend.ts';
import { statementTimeout, toDataApiError } from './sqlErrors.ts';

/** Thrown when continueAfterTimeout answered at the timeout while the statement keeps running. */
export class StillRunning extends Error {
  readonly running: Promise<unknown>;
  readonly error: DataApiError;
  constructor(running: Promise<unknown>, error: DataApiError) {
    super(error.message);
    this.running = running;
    this.error = error;
  }
}

/** Runs one statement with the Data API's statement timeout and turns failures into Data API errors. */
export async function runStatement(
  ctx: EndpointContext,
  executor: RawExecutor,
  statement: RawStatement,
  continueAfterTimeout = false,
): Promise<RawResult> {
  const timeoutMs = ctx.limits.statementTimeoutMs;
  try {
    if (continueAfterTimeout) {
      const running = executor.runUntimed(statement);
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), timeoutMs);
      });
      const first = await Promise.race([running, timedOut]).finally(() => clearTimeout(timer));
      if (first === 'timeout') throw new StillRunning(running, statementTimeout(executor.connectionId));
      return first;
    }
    // PostgreSQL itself cancels the statement at statement_timeout (set on the connection).
    return await executor.run(statement);
  } catch (error) {
    if (error instanceof StillRunning) throw error;
    throw toDataApiError(error, ctx.sqlErrorType, executor.connectionId);
  }
}
