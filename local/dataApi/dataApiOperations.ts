import { batchExecuteStatement } from './batchExecuteStatement.ts';
import type { Operation } from './EndpointContext.ts';
import { executeSql } from './executeSql.ts';
import { executeStatement } from './executeStatement.ts';
import { beginTransaction, endTransaction } from './transactionOperations.ts';

/** The REST-JSON routes of rds-data 2018-08-01 (every operation is a POST). */
export const operations: Record<string, Operation> = {
  '/Execute': executeStatement,
  '/BatchExecute': batchExecuteStatement,
  '/BeginTransaction': beginTransaction,
  '/CommitTransaction': endTransaction(true),
  '/RollbackTransaction': endTransaction(false),
  '/ExecuteSql': executeSql,
};
