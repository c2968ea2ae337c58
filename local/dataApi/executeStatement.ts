import { bindNamedParameters } from './bindNamedParameters.ts';
import { checkSql, checkTarget, checkTransactionId, parseRequest } from './checkRequest.ts';
import type { Operation } from './EndpointContext.ts';
import type { ResultOptions } from './encodeResult.ts';
import { encodeStatementResponse } from './encodeStatementResponse.ts';
import type { RawExecutor } from './rawBackend.ts';
import { executeStatementRequest } from './requestSchemas.ts';
import { runStatement, StillRunning } from './runStatement.ts';

/** ExecuteStatement (`/Execute`): one statement, in autocommit or in a transaction. */
export const executeStatement: Operation = async (ctx, body) => {
  const req = parseRequest(executeStatementRequest, body);
  checkTarget(ctx, req);
  checkTransactionId(req.transactionId);
  checkSql(ctx, req.sql);
  const statement = bindNamedParameters(req.sql, req.parameters);
  const options: ResultOptions = {
    includeResultMetadata: req.includeResultMetadata ?? false,
    formatRecordsAs: req.formatRecordsAs ?? 'NONE',
    decimalReturnType: req.resultSetOptions?.decimalReturnType ?? 'STRING',
    longReturnType: req.resultSetOptions?.longReturnType ?? 'LONG',
    maxRowBytes: ctx.limits.maxRowBytes,
  };
  const work = async (executor: RawExecutor) =>
    encodeStatementResponse(
      ctx,
      executor,
      await runStatement(ctx, executor, statement, req.continueAfterTimeout),
      options,
    );
  try {
    if (req.transactionId) {
      let still: StillRunning | undefined;
      const id = req.transactionId;
      return await ctx.registry
        .use(
          id,
          (session) =>
            work(session).catch((error) => {
              if (error instanceof StillRunning) still = error;
              throw error;
            }),
          () => still !== undefined,
        )
        .catch((error) => {
          if (still) ctx.registry.holdUntil(id, still.running);
          throw error;
        });
    }
    return await ctx.backend.withConnection(async (executor) => {
      try {
        return await work(executor);
      } catch (error) {
        // continueAfterTimeout: the connection goes back to the pool only when the statement ends.
        if (error instanceof StillRunning) await error.running.catch(() => {});
        throw error;
      }
    });
  } catch (error) {
    if (error instanceof StillRunning) throw error.error;
    throw error;
  }
};
