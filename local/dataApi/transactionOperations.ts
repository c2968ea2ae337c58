import { checkTarget, checkTransactionId, parseRequest } from './checkRequest.ts';
import type { Operation } from './EndpointContext.ts';
import { beginTransactionRequest, endTransactionRequest } from './requestSchemas.ts';
import { toDataApiError } from './sqlErrors.ts';

/** BeginTransaction: a transaction on its own pooled connection, isolated from every other call. */
export const beginTransaction: Operation = async (ctx, body) => {
  const req = parseRequest(beginTransactionRequest, body);
  checkTarget(ctx, req);
  const session = await ctx.backend.begin().catch((error) => {
    throw toDataApiError(error, ctx.sqlErrorType, 0);
  });
  return JSON.stringify({ transactionId: ctx.registry.add(session) });
};

/** CommitTransaction (`commit`) or RollbackTransaction. */
export function endTransaction(commit: boolean): Operation {
  return async (ctx, body) => {
    const req = parseRequest(endTransactionRequest, body);
    checkTarget(ctx, req);
    checkTransactionId(req.transactionId);
    const session = ctx.registry.end(req.transactionId);
    try {
      await (commit ? session.commit() : session.rollback());
    } catch (error) {
      throw toDataApiError(error, ctx.sqlErrorType, session.connectionId);
    }
    return JSON.stringify({ transactionStatus: commit ? 'Transaction Committed' : 'Rollback Complete' });
  };
}
