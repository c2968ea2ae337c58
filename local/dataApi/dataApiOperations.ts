import type { z } from 'zod';
import { countStatements } from '../../db/sql/scanSql.ts';
import { bindNamedParameters } from './bindNamedParameters.ts';
import { encodeResult, type ResultOptions } from './encodeResult.ts';
import { DataApiError, validationError } from './errors.ts';
import type { DataApiLimits } from './limits.ts';
import type { PgTypeCache } from './pgTypes.ts';
import type { RawBackend, RawExecutor, RawResult, RawStatement } from './rawBackend.ts';
import {
  batchExecuteStatementRequest,
  beginTransactionRequest,
  endTransactionRequest,
  executeSqlRequest,
  executeStatementRequest,
} from './requestSchemas.ts';
import { type SqlErrorType, statementTimeout, toDataApiError } from './sqlErrors.ts';
import type { TransactionRegistry } from './transactionRegistry.ts';

export interface EndpointContext {
  readonly backend: RawBackend;
  readonly registry: TransactionRegistry;
  readonly types: PgTypeCache;
  readonly limits: DataApiLimits;
  readonly resourceArn: string;
  readonly secretArn: string;
  readonly database: string;
  readonly sqlErrorType: SqlErrorType;
}

/** An operation takes the parsed JSON body and answers the JSON text of its response. */
export type Operation = (ctx: EndpointContext, body: unknown) => Promise<string>;

const RESPONSE_TOO_LARGE = 'Database returned more than the allowed response size limit';

function parse<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const member = issue.path.join('.') || 'body';
  const missing = issue.code === 'invalid_type' && issue.input === undefined;
  return Promise.reject(
    missing
      ? validationError(member, 'Member must not be null')
      : validationError(member, issue.message, issue.input),
  ) as never;
}

function checkArn(member: string, arn: string) {
  // Arn: length 11 to 100 in the service model.
  if (arn.length < 11 || arn.length > 100) {
    throw validationError(member, 'Member must have length between 11 and 100', arn);
  }
}

function checkTarget(
  ctx: EndpointContext,
  req: { resourceArn: string; secretArn: string; database?: string | undefined; schema?: string | undefined },
) {
  checkArn('resourceArn', req.resourceArn);
  checkArn('secretArn', req.secretArn);
  if (req.resourceArn !== ctx.resourceArn) {
    const cluster = req.resourceArn.split(':').pop();
    throw new DataApiError(
      'HttpEndpointNotEnabledException',
      `HttpEndpoint is not enabled for cluster ${cluster}.`,
    );
  }
  if (req.secretArn !== ctx.secretArn) {
    throw new DataApiError(
      'BadRequestException',
      `Error fetching secret ${req.secretArn} : Secrets Manager can't find the specified secret.`,
    );
  }
  if (req.schema !== undefined) {
    throw new DataApiError('ValidationException', "The schema parameter isn't supported.");
  }
  if (req.database !== undefined) {
    if (req.database.length > 64) {
      throw validationError('database', 'Member must have length less than or equal to 64', req.database);
    }
    if (req.database !== ctx.database) {
      throw new DataApiError('DatabaseNotFoundException', `Database ${req.database} doesn't exist.`);
    }
  }
}

function checkSql(ctx: EndpointContext, sql: string) {
  if (sql.length > ctx.limits.maxSqlLength) {
    throw validationError(
      'sql',
      `Member must have length less than or equal to ${ctx.limits.maxSqlLength}`,
      sql,
    );
  }
  if (countStatements(sql) > 1) {
    throw new DataApiError('ValidationException', "Multistatements aren't supported.");
  }
}

function checkTransactionId(id: string | undefined) {
  if (id !== undefined && id.length > 192) {
    throw validationError('transactionId', 'Member must have length less than or equal to 192', id);
  }
}

/** Thrown when continueAfterTimeout answered at the timeout while the statement keeps running. */
class StillRunning extends Error {
  readonly running: Promise<unknown>;
  readonly error: DataApiError;
  constructor(running: Promise<unknown>, error: DataApiError) {
    super(error.message);
    this.running = running;
    this.error = error;
  }
}

async function runStatement(
  ctx: EndpointContext,
  executor: RawExecutor,
  statement: RawStatement,
  continueAfterTimeout = false,
): Promise<RawResult> {
  const timeoutMs = ctx.limits.statementTimeoutMs;
  const started = performance.now();
  let result: RawResult;
  try {
    if (continueAfterTimeout) {
      const running = executor.runUntimed(statement);
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), timeoutMs);
      });
      const first = await Promise.race([running, timedOut]).finally(() => clearTimeout(timer));
      if (first === 'timeout') throw new StillRunning(running, statementTimeout(executor.connectionId));
      result = first;
    } else {
      result = await executor.run(statement);
    }
  } catch (error) {
    if (error instanceof StillRunning) throw error;
    throw toDataApiError(error, ctx.sqlErrorType, executor.connectionId);
  }
  // PGlite cannot be interrupted: a statement that overran is reported when it returns.
  if (!ctx.backend.cancelsAtTimeout && performance.now() - started > timeoutMs) {
    throw statementTimeout(executor.connectionId);
  }
  return result;
}

async function encode(ctx: EndpointContext, executor: RawExecutor, raw: RawResult, options: ResultOptions) {
  if (!raw.returnsRows)
    return JSON.stringify({ numberOfRecordsUpdated: raw.affectedRows, generatedFields: [] });
  await ctx.types.resolve(
    raw.fields.map((f) => f.oid),
    executor,
  );
  const types = raw.fields.map((f) => ctx.types.get(f.oid));
  await ctx.types.resolve(
    types.map((t) => t.elem).filter((oid) => oid !== 0),
    executor,
  );
  const elements = types.map((t) => ctx.types.get(t.elem));
  const encoded = encodeResult(raw, types, elements, options);
  if (encoded.formattedRecords !== undefined) {
    if (Buffer.byteLength(encoded.formattedRecords) > ctx.limits.maxJsonResponseBytes) {
      throw new DataApiError('BadRequestException', RESPONSE_TOO_LARGE);
    }
    return JSON.stringify({ ...encoded, numberOfRecordsUpdated: 0 });
  }
  const body = JSON.stringify({ ...encoded, numberOfRecordsUpdated: 0 });
  // The limit is on what the database returned; measured here as the JSON of the records, which
  // is larger than the raw rows, so the endpoint errs on the strict side of AWS.
  if (Buffer.byteLength(body) > ctx.limits.maxResponseBytes) {
    throw new DataApiError('BadRequestException', RESPONSE_TOO_LARGE);
  }
  return body;
}

const executeStatement: Operation = async (ctx, body) => {
  const req = parse(executeStatementRequest, body);
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
    encode(ctx, executor, await runStatement(ctx, executor, statement, req.continueAfterTimeout), options);
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

const batchExecuteStatement: Operation = async (ctx, body) => {
  const req = parse(batchExecuteStatementRequest, body);
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

const beginTransaction: Operation = async (ctx, body) => {
  const req = parse(beginTransactionRequest, body);
  checkTarget(ctx, req);
  const session = await ctx.backend.begin().catch((error) => {
    throw toDataApiError(error, ctx.sqlErrorType, 0);
  });
  return JSON.stringify({ transactionId: ctx.registry.add(session) });
};

function endTransaction(commit: boolean): Operation {
  return async (ctx, body) => {
    const req = parse(endTransactionRequest, body);
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

const executeSql: Operation = async (ctx, body) => {
  const req = parse(executeSqlRequest, body);
  checkTarget(ctx, {
    resourceArn: req.dbClusterOrInstanceArn,
    secretArn: req.awsSecretStoreArn,
    database: req.database,
  });
  // The deprecated v1 operation (service model): not available on Aurora Serverless v2.
  throw new DataApiError(
    'BadRequestException',
    "ExecuteSql isn't supported for Aurora Serverless v2 and provisioned DB clusters. Use the ExecuteStatement or BatchExecuteStatement operation.",
  );
};

/** The REST-JSON routes of rds-data 2018-08-01 (every operation is a POST). */
export const operations: Record<string, Operation> = {
  '/Execute': executeStatement,
  '/BatchExecute': batchExecuteStatement,
  '/BeginTransaction': beginTransaction,
  '/CommitTransaction': endTransaction(true),
  '/RollbackTransaction': endTransaction(false),
  '/ExecuteSql': executeSql,
};
