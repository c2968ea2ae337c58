import {
  BeginTransactionCommand,
  CommitTransactionCommand,
  ExecuteStatementCommand,
  RDSDataClient,
  type RDSDataClientConfig,
  RollbackTransactionCommand,
} from '@aws-sdk/client-rds-data';
import type { QueryResult, Row, SqlClient, SqlExecutor, SqlParam } from '../sql/SqlClient.ts';
import { decodeRecords, fieldsOf } from './decodeRecords.ts';
import { DataApiQueryError, TransactionClosedError } from './errors.ts';
import { isDatabaseResuming, type ResumeRetryOptions, retryWhileResuming } from './retryWhileResuming.ts';
import { toDataApiStatement } from './toDataApiStatement.ts';

export interface DataApiClientOptions {
  /** The Aurora cluster ARN (DB_CLUSTER_ARN). */
  readonly resourceArn: string;
  /** The Secrets Manager ARN of the database credentials (DB_SECRET_ARN). */
  readonly secretArn: string;
  /** The database name (DB_NAME); the cluster's default database when omitted. */
  readonly database?: string | undefined;
  /** Another endpoint, e.g. the local Data API (RDS_DATA_ENDPOINT); AWS's own when omitted. */
  readonly endpoint?: string | undefined;
  readonly region?: string | undefined;
  readonly credentials?: RDSDataClientConfig['credentials'];
  /** A client to use instead of creating one (not destroyed by close()). */
  readonly rds?: RDSDataClient | undefined;
  /** The DatabaseResumingException retry policy (defaults: 2 s first, 10 s cap, 45 s budget). */
  readonly retry?: ResumeRetryOptions | undefined;
}

/** `ERROR: ...; SQLState: 23505` → '23505'. */
function sqlStateOf(message: string): string | undefined {
  return /; SQLState: ([0-9A-Z]{5})\s*$/.exec(message)?.[1];
}

function toQueryError(error: unknown): unknown {
  const e = error as { name?: string; message?: string };
  const code = typeof e?.message === 'string' ? sqlStateOf(e.message) : undefined;
  if (!code) return error;
  return new DataApiQueryError(e.message!, e.name ?? 'DataApiError', code, { cause: error });
}

/**
 * SqlClient over the RDS Data API (Aurora PostgreSQL), for Lambda: no connection pool, no VPC.
 * Statements are rewritten from `$n` to named `:pN` parameters; results come back with column
 * metadata and int8 as strings so every value decodes exactly as the pg adapter decodes it.
 * A statement outside a transaction, or a whole transaction from BeginTransaction, is retried
 * while Aurora Serverless v2 resumes from auto-pause. Large results: page them with `pageByKey`,
 * since a response over 1 MiB is an error, not a truncated result.
 */
export function openDataApiClient(options: DataApiClientOptions): SqlClient {
  const rds =
    options.rds ??
    new RDSDataClient({
      ...(options.region ? { region: options.region } : {}),
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
      ...(options.credentials ? { credentials: options.credentials } : {}),
    });
  const target = {
    resourceArn: options.resourceArn,
    secretArn: options.secretArn,
    ...(options.database ? { database: options.database } : {}),
  };

  async function execute<R extends Row>(
    text: string,
    params: readonly SqlParam[] | undefined,
    transactionId?: string,
  ): Promise<QueryResult<R>> {
    const { sql, parameters } = toDataApiStatement(text, params);
    let out: Awaited<ReturnType<typeof send>>;
    const send = () =>
      rds.send(
        new ExecuteStatementCommand({
          ...target,
          sql,
          ...(parameters.length ? { parameters } : {}),
          ...(transactionId ? { transactionId } : {}),
          includeResultMetadata: true,
          resultSetOptions: { longReturnType: 'STRING', decimalReturnType: 'STRING' },
        }),
      );
    try {
      out = await send();
    } catch (error) {
      throw toQueryError(error);
    }
    // No columns: a statement without a result set (AWS may send an empty columnMetadata list).
    if (!out.columnMetadata?.length) {
      return { rows: [], rowCount: Number(out.numberOfRecordsUpdated ?? 0), fields: [] };
    }
    const rows = decodeRecords<R>(out.records ?? [], out.columnMetadata);
    return { rows, rowCount: rows.length, fields: fieldsOf(out.columnMetadata) };
  }

  return {
    dialect: 'data-api',
    query: (text, params) => retryWhileResuming(() => execute(text, params), options.retry),

    transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
      let committing = false;
      const attempt = async () => {
        committing = false;
        const { transactionId } = await rds.send(new BeginTransactionCommand(target));
        let open = true;
        // The Data API rejects a second call on a transaction while one runs: queue them.
        let queue: Promise<unknown> = Promise.resolve();
        const tx: SqlExecutor = {
          query<R extends Row>(text: string, params?: readonly SqlParam[]) {
            const run = queue.then(() => {
              if (!open) throw new TransactionClosedError('the transaction has already ended');
              return execute<R>(text, params, transactionId);
            });
            queue = run.catch(() => {});
            return run;
          },
        };
        try {
          const result = await fn(tx);
          await queue;
          open = false;
          committing = true;
          await rds.send(new CommitTransactionCommand({ ...target, transactionId }));
          return result;
        } catch (error) {
          open = false;
          if (!committing) {
            // A statement still in flight must end first: the Data API refuses a rollback meanwhile.
            await queue;
            // The transaction may already be gone (an error inside it ends it on AWS).
            await rds.send(new RollbackTransactionCommand({ ...target, transactionId })).catch(() => {});
          }
          throw toQueryError(error);
        }
      };
      // Retry the whole transaction, never a part: only when it failed before COMMIT was sent.
      return retryWhileResuming(attempt, options.retry, (error) => !committing && isDatabaseResuming(error));
    },

    async close() {
      if (!options.rds) rds.destroy();
    },
  };
}
