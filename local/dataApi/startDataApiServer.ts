import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { hostAllowed } from '../../container/explorer/limits/hostAllowed.ts';
import type { SqlClient } from '../../db/sql/SqlClient.ts';
import { DataApiFaults } from './DataApiFaults.ts';
import { operations } from './dataApiOperations.ts';
import type { EndpointContext } from './EndpointContext.ts';
import { DataApiError, errorBody } from './errors.ts';
import { type DataApiLimits, dataApiLimits } from './limits.ts';
import { openRawBackend } from './openRawBackend.ts';
import { PgTypeCache } from './pgTypes.ts';
import type { RawBackend } from './rawBackend.ts';
import type { SqlErrorType } from './sqlErrors.ts';
import { TableColumnCache } from './TableColumnCache.ts';
import { type Clock, TransactionRegistry } from './transactionRegistry.ts';

export interface DataApiServerOptions {
  /** The database to serve: a pg client (openSqlClient); the endpoint opens its own pool with its settings. */
  readonly sql: SqlClient;
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  /** Loopback only: 127.0.0.1 (default), ::1 or localhost. */
  readonly host?: string;
  /** Time source for the transaction idle and lifetime limits; tests pass a fake one. */
  readonly clock?: Clock;
  readonly resourceArn?: string;
  readonly secretArn?: string;
  /** The database name callers pass as `database` (they may also omit it). */
  readonly database?: string;
  /** Override any documented limit, e.g. a 200 ms statement timeout in a test. */
  readonly limits?: Partial<DataApiLimits>;
  /**
   * The exception SQL errors are reported as. Aurora Serverless v2 was seen answering
   * DatabaseErrorException (2025); older reports show BadRequestException.
   */
  readonly sqlErrorType?: SqlErrorType;
  /** Connections the endpoint may open (open transactions plus running calls). */
  readonly maxConnections?: number;
  /** Serve an already opened backend instead of deriving one from `sql`. */
  readonly backend?: RawBackend;
}

export interface DataApiServerStats {
  requests: number;
  byOperation: Record<string, number>;
  errors: Record<string, number>;
  /** Largest response body so far, in bytes: the bench asserts pages stay under 1 MiB. */
  maxResponseBytes: number;
}

export interface DataApiServer {
  /** Pass as `endpoint` to RDSDataClient (any region and dummy credentials). */
  readonly url: string;
  readonly resourceArn: string;
  readonly secretArn: string;
  readonly database: string;
  readonly faults: DataApiFaults;
  readonly stats: DataApiServerStats;
  /** Transactions currently open. */
  openTransactions(): number;
  close(): Promise<void>;
}

export const LOCAL_RESOURCE_ARN = 'arn:aws:rds:us-east-1:000000000000:cluster:tubelens-local';
export const LOCAL_SECRET_ARN = 'arn:aws:secretsmanager:us-east-1:000000000000:secret:tubelens-local-AbCdEf';
export const LOCAL_DATABASE = 'tubelens';

// Limit overrides: known names only, each a positive whole number.
const limitsSchema = z.strictObject(
  Object.fromEntries(Object.keys(dataApiLimits).map((k) => [k, z.number().int().positive().optional()])),
);

const ERROR_TYPE_NAMESPACE = 'http://internal.amazon.com/coral/com.amazon.rdsdataservice/';

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/** Parses JSON keeping integers beyond 2^53 exact, as the Java service reads a long. */
function parseJson(text: string): unknown {
  const reviver = (_key: string, value: unknown, context?: { source?: string }) =>
    typeof value === 'number' &&
    !Number.isSafeInteger(value) &&
    context?.source &&
    /^-?\d+$/.test(context.source)
      ? BigInt(context.source)
      : value;
  return JSON.parse(text, reviver as (key: string, value: unknown) => unknown);
}

function readBody(req: http.IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => {
      if (tooLarge) {
        reject(new DataApiError('BadRequestException', `Request size exceeds the ${limit}-byte limit.`));
      } else resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', reject);
  });
}

/**
 * Starts a local stand-in for the RDS Data API of Aurora Serverless v2 (PostgreSQL), served from
 * a PostgreSQL database (the embedded server or DATABASE_URL). The real `@aws-sdk/client-rds-data` client talks to it unchanged.
 * It accepts any SigV4-signed request without checking the signature, so it listens on loopback
 * only: it is for local runs and tests, never for a network.
 */
export async function startDataApiServer(options: DataApiServerOptions): Promise<DataApiServer> {
  const host = options.host ?? '127.0.0.1';
  if (!LOOPBACK.has(host)) {
    throw new Error(`the local Data API endpoint listens on loopback only (127.0.0.1, ::1), not ${host}`);
  }
  const limits: DataApiLimits = { ...dataApiLimits, ...limitsSchema.parse(options.limits ?? {}) };
  if (
    options.port !== undefined &&
    !(Number.isInteger(options.port) && options.port >= 0 && options.port <= 65535)
  ) {
    throw new RangeError(`port must be an integer from 0 to 65535, got ${options.port}`);
  }
  const clock = options.clock ?? { now: () => Date.now() };
  const resourceArn = options.resourceArn ?? LOCAL_RESOURCE_ARN;
  const secretArn = options.secretArn ?? LOCAL_SECRET_ARN;
  const database = options.database ?? LOCAL_DATABASE;
  const backend =
    options.backend ??
    openRawBackend(options.sql, {
      statementTimeoutMs: limits.statementTimeoutMs,
      ...(options.maxConnections ? { maxConnections: options.maxConnections } : {}),
    });
  const registry = new TransactionRegistry(clock, limits.transactionIdleMs, limits.transactionMaxMs);
  const ctx: EndpointContext = {
    backend,
    registry,
    types: new PgTypeCache(),
    columns: new TableColumnCache(),
    limits,
    resourceArn,
    secretArn,
    database,
    sqlErrorType: options.sqlErrorType ?? 'DatabaseErrorException',
  };
  const faults = new DataApiFaults(resourceArn);
  const stats: DataApiServerStats = { requests: 0, byOperation: {}, errors: {}, maxResponseBytes: 0 };

  const send = (res: http.ServerResponse, status: number, body: string, errorType?: string) => {
    const headers: http.OutgoingHttpHeaders = {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
      'x-amzn-RequestId': randomUUID(),
    };
    // AWS's form of the header (clients keep the part before the first colon).
    if (errorType) headers['x-amzn-ErrorType'] = `${errorType}:${ERROR_TYPE_NAMESPACE}`;
    res.writeHead(status, headers);
    res.end(body);
    stats.maxResponseBytes = Math.max(stats.maxResponseBytes, Buffer.byteLength(body));
  };

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    stats.requests += 1;
    // A web page whose name was rebound to 127.0.0.1 reaches this port with its own name as Host.
    if (!hostAllowed(req)) {
      res.writeHead(421, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('this endpoint answers only to loopback names (localhost, 127.0.0.1, [::1])');
      return;
    }
    const path = (req.url ?? '/').split('?')[0]!;
    try {
      const operation = operations[path];
      if (req.method !== 'POST' || !operation) {
        throw new DataApiError('UnknownOperationException', `Unknown operation ${req.method} ${path}`);
      }
      stats.byOperation[path] = (stats.byOperation[path] ?? 0) + 1;
      if (!String(req.headers.authorization ?? '').startsWith('AWS4-HMAC-SHA256')) {
        throw new DataApiError('MissingAuthenticationTokenException', 'Missing Authentication Token');
      }
      const text = await readBody(req, limits.maxRequestBytes);
      let body: unknown;
      try {
        body = parseJson(text || '{}');
      } catch {
        throw new DataApiError('BadRequestException', 'The request body is not valid JSON.');
      }
      await registry.sweep();
      const fault = faults.take(path.slice(1));
      if (fault) throw fault;
      send(res, 200, await operation(ctx, body));
    } catch (caught) {
      const error =
        caught instanceof DataApiError
          ? caught
          : new DataApiError('InternalServerErrorException', 'The service encountered an internal error.', {
              cause: caught,
            });
      if (error.status >= 500 && !(caught instanceof DataApiError)) {
        process.stderr.write(`data-api: ${(caught as Error)?.stack ?? caught}\n`);
      }
      stats.errors[error.type] = (stats.errors[error.type] ?? 0) + 1;
      // The SDK reads the exception name from this header first (restJson1).
      send(res, error.status, JSON.stringify(errorBody(error)), error.type);
    }
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch(() => res.destroy());
  });
  // Statements may run for the full statement timeout; keep sockets open longer than that.
  server.requestTimeout = 0;
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  // Idle transactions are rolled back even when no call arrives, so an abandoned one frees its connection.
  const sweeper = setInterval(() => registry.sweep().catch(() => {}), 1000);
  sweeper.unref();
  const { port } = server.address() as AddressInfo;
  const urlHost = host === '::1' ? '[::1]' : host;

  return {
    url: `http://${urlHost}:${port}`,
    resourceArn,
    secretArn,
    database,
    faults,
    stats,
    openTransactions: () => registry.size,
    async close() {
      clearInterval(sweeper);
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await registry.closeAll();
      await closed;
      if (!options.backend) await backend.close();
    },
  };
}
