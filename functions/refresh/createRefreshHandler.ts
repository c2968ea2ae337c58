import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { openDataApiClient } from '../../db/dataApi/openDataApiClient.ts';
import type { SqlClient } from '../../db/sql/SqlClient.ts';
import { type RefreshStepResult, runRefreshStep } from './fanOut/runRefreshStep.ts';
import type { ObjectStore } from './objectStore/ObjectStore.ts';
import { s3ObjectStore } from './objectStore/s3ObjectStore.ts';
import { readRefreshConfig } from './readRefreshConfig.ts';
import { recordRefreshMetrics } from './recordRefreshMetrics.ts';
import { kindOf, refreshEvent } from './refreshEvent.ts';
import { type RefreshOptions, refreshReports } from './refreshReports.ts';

/** What tests may hand in instead of the real clients. */
export interface RefreshHandlerDeps {
  readonly sql?: SqlClient;
  readonly store?: ObjectStore;
  readonly clock?: () => Date;
  readonly logger?: Logger;
  readonly metrics?: Metrics;
  /** Local runs show progress; in Lambda the logs do. */
  readonly onProgress?: RefreshOptions['onProgress'];
  /** Tests shrink the channel batches to get several from a small data set. */
  readonly maxChannelsPerBatch?: number;
}

/**
 * Builds the scheduled refresh handler. Configuration is read and validated here, once per cold
 * start; the Data API and S3 clients are made here too and reused while the container lives
 * (neither opens a connection until the first call).
 */
export function createRefreshHandler(env: NodeJS.ProcessEnv = process.env, deps: RefreshHandlerDeps = {}) {
  const config = readRefreshConfig(env);
  const logger = deps.logger ?? new Logger({ serviceName: 'tubelens-refresh' });
  const metrics = deps.metrics ?? new Metrics({ namespace: 'tubelens', serviceName: 'refresh' });
  const sql = deps.sql ?? openDataApiClient(config.dataApi);
  const store =
    deps.store ??
    s3ObjectStore({ bucket: config.bucket, endpoint: config.s3Endpoint, region: config.region });

  const options: RefreshOptions = {
    sql,
    store,
    prefix: config.prefix,
    retentionHours: config.retentionHours,
    ...(deps.clock ? { clock: deps.clock } : {}),
    ...(deps.onProgress ? { onProgress: deps.onProgress } : {}),
    ...(deps.maxChannelsPerBatch ? { maxChannelsPerBatch: deps.maxChannelsPerBatch } : {}),
    log: {
      info: (message, extra) => logger.info(message, { ...extra }),
      warn: (message, extra) => logger.warn(message, { ...extra }),
    },
  };

  const run = async (event: unknown, _context: Context): Promise<RefreshStepResult> => {
    const parsed = refreshEvent.safeParse(event);
    if (!parsed.success) throw new TypeError(`not a refresh event: ${JSON.stringify(event)?.slice(0, 200)}`);
    const result =
      'step' in parsed.data
        ? await runRefreshStep(parsed.data, { ...options, fanOutAboveRows: config.fanOutAboveRows })
        : await refreshReports({ ...options, kind: kindOf(parsed.data) });
    recordRefreshMetrics(metrics, logger, result);
    return result;
  };

  return middy(run)
    .use(injectLambdaContext(logger))
    .use(logMetrics(metrics, { throwOnEmptyMetrics: false }));
}
