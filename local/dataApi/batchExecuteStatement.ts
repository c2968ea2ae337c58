import { bindNamedParameters } from './bindNamedParameters.ts';
import { checkSql, checkTarget, checkTransactionId, parseRequest } from './checkRequest.ts';
import type { Operation } from './EndpointContext.ts';
import type { RawExecutor } from './rawBackend.ts';
import { batchExecuteStatementRequest } from './requestSchemas.ts';
import { runStatement } from './runStatement.ts';
import { toDataApiError } from './sqlErrors.ts';

/** BatchExecuteStatement (`/BatchExecute`): one statement per parameter set, as one unit. */
export const batchExecuteStatement: Operation = async (ctx, body) => {
  const req = parseRequest(batchExecuteStatementRequest, body);
  checkTarget(ctx, req);
  checkTransactionId(req.transactionId);
  checkSql(ctx, req.sql);
  const sets = req.parameterSets ?? [];
  const statements = sets.map((set) => bindNamedParameters(req.sql, set));
  const work = async (executor: RawExecutor) => {
    for (const statement of statements) await runStatement(ctx, executor, statement);
    // Aurora PostgreSQL returns no generated fields; RETURNING values are not passed back either.
    return JSON.stringify({ updateResults: statements.map(() => ({ generatedFields: [] })) });
  };
  if (req.transactionId) return ctx.registry.use(req.transactionId, work);
  // Outside a transaction the batch commits as one unit, as a JDBC batch in autocommit mode does.
  const session = await ctx.backend.begin();
  try {
    const result = await work(session);
    await session.commit();
    return result;
  } catch (error) {
    await session.rollback().catch(() => {});
    throw toDataApiError(error, ctx.sqlErrorType, session.connectionId);
  }
};
