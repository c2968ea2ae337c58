import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { z } from 'zod';
import { openDataApiClient } from '../../db/dataApi/openDataApiClient.ts';
import type { SqlClient } from '../../db/sql/SqlClient.ts';
import type { IngestProgress } from './IngestContext.ts';
import { loadApiKey } from './loadApiKey.ts';
import { readIngestConfig } from './readIngestConfig.ts';
import { type IngestResult, runIngest } from './runIngest.ts';
import { createHttpYouTubeApi } from './youtube/createHttpYouTubeApi.ts';
import type { YouTubeApi } from './youtube/YouTubeApi.ts';

/** What tests may hand in instead of the real clients. */
export interface IngestHandlerDeps {
  readonly sql?: SqlClient;
  readonly secretsManager?: SecretsManagerClient;
  readonly fetch?: typeof globalThis.fetch;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly clock?: () => Date;
  readonly logger?: Logger;
  readonly metrics?: Metrics;
  /** Local runs show progress; Lambda has no one to show it to. */
  readonly onProgress?: (progress: IngestProgress) => void;
}

/**
 * The event: an EventBridge schedule (whose other fields are ignored), optionally with input that
 * caps the run's units (`budget`) or refreshes videos already refreshed today (`refreshAgain`),
 * as `npx tubelens ingest --budget 500 --again` sends.
 */
export const ingestEventSchema = z.looseObject({
  budget: z.number().int().positive().optional(),
  refreshAgain: z.boolean().optional(),
});

/**
 * Builds the scheduled ingest handler. Configuration is read and validated here, once per cold
 * start (a missing setting fails the deploy's first invocation with its name); the API key and
 * the Data API client are created on the first invocation and reused while the container lives.
 */
export function createIngestHandler(env: NodeJS.ProcessEnv = process.env, deps: IngestHandlerDeps = {}) {
  const config = readIngestConfig(env);
  const logger = deps.logger ?? new Logger({ serviceName: 'tubelens-ingest' });
  const metrics = deps.metrics ?? new Metrics({ namespace: 'tubelens', serviceName: 'ingest' });
  let ready: Promise<{ sql: SqlClient; youtube: YouTubeApi }> | undefined;

  const open = async () => {
    const apiKey = await loadApiKey(
      config,
      () => deps.secretsManager ?? new SecretsManagerClient({ region: config.region }),
    );
    const sql = deps.sql ?? openDataApiClient(config.dataApi);
    const youtube = createHttpYouTubeApi({
      apiKey,
      baseUrl: config.youtubeBaseUrl,
      ...(deps.fetch ? { fetch: deps.fetch } : {}),
      ...(deps.sleep ? { sleep: deps.sleep } : {}),
      onRetry: (info) => logger.warn('retrying a YouTube API call', { ...info }),
    });
    return { sql, youtube };
  };

  // IngestFailed is the metric to alarm on: a key revoked, the API forbidden, a database error.
  const run = async (rawEvent: unknown, context: Context): Promise<IngestResult> => {
    try {
      const result = await ingest(rawEvent, context);
      metrics.addMetric('IngestFailed', MetricUnit.Count, 0);
      return result;
    } catch (error) {
      metrics.addMetric('IngestFailed', MetricUnit.Count, 1);
      // Messages carry the API's reason and never the key (see youtube/redact.ts).
      logger.error('ingest failed', error as Error);
      throw error;
    }
  };

  const ingest = async (rawEvent: unknown, context: Context): Promise<IngestResult> => {
    const event = ingestEventSchema.safeParse(rawEvent ?? {});
    if (!event.success) throw new TypeError(`bad ingest event: ${event.error.issues[0]?.message}`);
    // A failed start (e.g. Secrets Manager unreachable) is retried on the next invocation.
    ready ??= open().catch((error) => {
      ready = undefined;
      throw error;
    });
    const { sql, youtube } = await ready;
    const result = await runIngest(
      {
        sql,
        youtube,
        logger: {
          info: (message, extra) => logger.info(message, { ...extra }),
          warn: (message, extra) => logger.warn(message, { ...extra }),
        },
        ...(deps.clock ? { clock: deps.clock } : {}),
        ...(deps.onProgress ? { onProgress: deps.onProgress } : {}),
        timeLeftMs: () => context.getRemainingTimeInMillis(),
      },
      {
        dailyQuota: config.dailyQuota,
        ...(event.data.budget ? { budget: event.data.budget } : {}),
        ...(event.data.refreshAgain ? { refreshAgain: true } : {}),
      },
    );
    metrics.addMetric('QuotaUnitsUsed', MetricUnit.Count, result.unitsUsed);
    metrics.addMetric('VideosUpdated', MetricUnit.Count, result.videosUpdated);
    metrics.addMetric('VideosDiscovered', MetricUnit.Count, result.videosDiscovered);
    metrics.addMetric('IngestPartial', MetricUnit.Count, result.status === 'partial' ? 1 : 0);
    if (result.status === 'partial')
      logger.warn('ingest stopped early; the next run resumes', { stopReason: result.stopReason });
    return result;
  };

  return middy(run)
    .use(injectLambdaContext(logger))
    .use(logMetrics(metrics, { throwOnEmptyMetrics: false }));
}
