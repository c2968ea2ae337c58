import { z } from 'zod';

/**
 * Request bodies of the Data API operations (rds-data 2018-08-01). Unknown members are ignored,
 * as AWS's JSON protocol does; constraint violations become ValidationException.
 */
const field = z.object({
  isNull: z.boolean().optional(),
  booleanValue: z.boolean().optional(),
  longValue: z.union([z.number(), z.bigint()]).optional(),
  doubleValue: z.number().optional(),
  stringValue: z.string().optional(),
  blobValue: z.string().optional(),
  arrayValue: z.unknown().optional(),
});

const sqlParameter = z.object({
  name: z.string().optional(),
  value: field.optional(),
  typeHint: z.enum(['JSON', 'UUID', 'TIMESTAMP', 'DATE', 'TIME', 'DECIMAL']).optional(),
});
export type SqlParameter = z.infer<typeof sqlParameter>;

const target = {
  resourceArn: z.string(),
  secretArn: z.string(),
  database: z.string().optional(),
  schema: z.string().optional(),
};

export const executeStatementRequest = z.object({
  ...target,
  sql: z.string(),
  parameters: z.array(sqlParameter).optional(),
  transactionId: z.string().optional(),
  includeResultMetadata: z.boolean().optional(),
  continueAfterTimeout: z.boolean().optional(),
  resultSetOptions: z
    .object({
      decimalReturnType: z.enum(['STRING', 'DOUBLE_OR_LONG']).optional(),
      longReturnType: z.enum(['LONG', 'STRING']).optional(),
    })
    .optional(),
  formatRecordsAs: z.enum(['NONE', 'JSON']).optional(),
});

export const batchExecuteStatementRequest = z.object({
  ...target,
  sql: z.string(),
  parameterSets: z.array(z.array(sqlParameter)).optional(),
  transactionId: z.string().optional(),
});

export const beginTransactionRequest = z.object(target);

export const endTransactionRequest = z.object({
  resourceArn: z.string(),
  secretArn: z.string(),
  transactionId: z.string(),
});

export const executeSqlRequest = z.object({
  dbClusterOrInstanceArn: z.string(),
  awsSecretStoreArn: z.string(),
  sqlStatements: z.string(),
  database: z.string().optional(),
  schema: z.string().optional(),
});
