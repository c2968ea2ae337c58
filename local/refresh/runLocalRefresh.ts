import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import type { SqlClient } from '../../db/sql/SqlClient.ts';
import { createRefreshHandler } from '../../functions/refresh/createRefreshHandler.ts';
import { directoryObjectStore } from '../../functions/refresh/objectStore/directoryObjectStore.ts';
import type { RefreshProgress, RefreshResult } from '../../functions/refresh/refreshReports.ts';
import { dataApiEnv } from '../dataApi/dataApiEnv.ts';
import { startDataApiServer } from '../dataApi/startDataApiServer.ts';
import { driveFanOut } from './driveFanOut.ts';
import { localLambdaContext } from './localLambdaContext.ts';
import { redirectMetricsOutput } from './redirectMetricsOutput.ts';

export interface LocalRefreshOptions {
  /** The opened local database (the embedded server or DATABASE_URL). */
  readonly sql: SqlClient;
  /** Publish into this directory (static-server layout, see directoryObjectStore) ... */
  readonly out?: string;
  /** ... or into this S3 bucket at this endpoint (e.g. the local S3 from startLocalS3). */
  readonly s3?: { readonly endpoint: string; readonly bucket: string };
  readonly kind?: 'full' | 'incremental';
  /**
   * A full run fans out (plan, batch and finish steps of the same handler, as the state machine
   * runs them) when it is `always`, or above REFRESH_FAN_OUT_ABOVE_ROWS when `auto` (the default
   * for full runs); `never` keeps it in one invocation.
   */
  readonly fanOut?: 'auto' | 'always' | 'never';
  /** Overrides the fan-out threshold (snapshot rows). */
  readonly fanOutAboveRows?: number;
  readonly prefix?: string;
  readonly onProgress?: (progress: RefreshProgress) => void;
  /** Where the handler's JSON logs go (default: nowhere but warnings to stderr). */
  readonly logLevel?: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'SILENT';
  /** Receives each EMF metrics line the handler emits (default: dropped). */
  readonly onMetrics?: (line: string) => void;
}

/**
 * Runs the real refresh handler (middy chain, config validation, Data API adapter) against the
 * local database: starts the local Data API endpoint on `sql`, invokes the handler once with a
 * scheduled event, and stops the endpoint. `npx tubelens refresh` and `npm start` call this.
 */
export async function runLocalRefresh(options: LocalRefreshOptions): Promise<RefreshResult> {
  if (!options.out === !options.s3) throw new Error('runLocalRefresh needs exactly one of out or s3');
  const server = await startDataApiServer({ sql: options.sql });
  try {
    const env = {
      ...dataApiEnv(server),
      REPORT_BUCKET: options.s3?.bucket ?? 'local-directory',
      REPORT_PREFIX: options.prefix ?? 'data/',
      ...(options.s3 ? { S3_ENDPOINT: options.s3.endpoint } : {}),
      ...(options.fanOutAboveRows === undefined
        ? {}
        : { REFRESH_FAN_OUT_ABOVE_ROWS: String(options.fanOutAboveRows) }),
    };
    const logger = new Logger({ serviceName: 'tubelens-refresh', logLevel: options.logLevel ?? 'WARN' });
    // EMF metrics are for CloudWatch; locally they would only clutter the terminal.
    const metrics = redirectMetricsOutput(
      new Metrics({ namespace: 'tubelens', serviceName: 'refresh' }),
      options.onMetrics ?? (() => {}),
    );
    const handler = createRefreshHandler(env, {
      logger,
      metrics,
      ...(options.out ? { store: directoryObjectStore(options.out) } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
    const context = localLambdaContext('tubelens-refresh');
    const fanOut = options.fanOut ?? (options.kind === 'full' ? 'auto' : 'never');
    if (options.kind && fanOut !== 'never') {
      return await driveFanOut({
        invoke: (event) => handler(event, context),
        kind: options.kind,
        fanOut,
        // Batch steps report no per-report progress; the driver counts batches instead.
        onBatch: (done, total) =>
          options.onProgress?.({ done, total, unit: 'reports', detail: `batch ${done} of ${total}` }),
      });
    }
    const event = options.kind
      ? { kind: options.kind }
      : { 'detail-type': 'Scheduled Event', source: 'aws.events', detail: {} };
    const result = await handler(event, context);
    if (result.status !== 'published' && result.status !== 'skipped') {
      throw new Error(`the refresh answered ${result.status} to a single-invocation event`);
    }
    return result;
  } finally {
    await server.close();
  }
}
