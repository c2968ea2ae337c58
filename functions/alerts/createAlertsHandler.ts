import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SNSClient } from '@aws-sdk/client-sns';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { openDataApiClient } from '../../db/dataApi/openDataApiClient.ts';
import type { SqlClient } from '../../db/sql/SqlClient.ts';
import { loadWebhookUrl } from './loadWebhookUrl.ts';
import { readAlertsConfig } from './readAlertsConfig.ts';
import { type RunAlertsResult, runAlerts } from './runAlerts.ts';
import type { AlertSender } from './senders/AlertSender.ts';
import { snsSender } from './senders/snsSender.ts';
import { webhookSender } from './senders/webhookSender.ts';

/** What tests may hand in instead of the real clients. */
export interface AlertsHandlerDeps {
  readonly sql?: SqlClient;
  readonly sns?: SNSClient;
  readonly secretsManager?: SecretsManagerClient;
  readonly logger?: Logger;
  readonly metrics?: Metrics;
}

/**
 * Builds the scheduled alerts handler: config validated once per cold start, clients made here
 * and reused; the webhook URL is read from its secret on the first run and kept.
 */
export function createAlertsHandler(env: NodeJS.ProcessEnv = process.env, deps: AlertsHandlerDeps = {}) {
  const config = readAlertsConfig(env);
  const logger = deps.logger ?? new Logger({ serviceName: 'tubelens-alerts' });
  const metrics = deps.metrics ?? new Metrics({ namespace: 'tubelens', serviceName: 'alerts' });
  const sql = deps.sql ?? openDataApiClient(config.dataApi);
  const sns = deps.sns ?? new SNSClient({ region: config.region, ...config.sns });
  const secrets = () => deps.secretsManager ?? new SecretsManagerClient({ region: config.region });
  let webhookUrl: Promise<string | undefined> | undefined;

  const run = async (_event: unknown, _context: Context): Promise<RunAlertsResult> => {
    webhookUrl ??= loadWebhookUrl({ url: config.webhookUrl, secretArn: config.webhookSecretArn }, secrets);
    const url = await webhookUrl.catch((error: unknown) => {
      webhookUrl = undefined; // a secret that could not be read is asked for again next time
      throw error;
    });
    const senders: AlertSender[] = [];
    if (config.topicArn)
      senders.push(snsSender({ topicArn: config.topicArn, client: sns, siteUrl: config.siteUrl }));
    if (url) senders.push(webhookSender({ url, siteUrl: config.siteUrl }));
    const result = await runAlerts({
      sql,
      senders,
      thresholds: config.thresholds,
      log: {
        info: (message, extra) => logger.info(message, { ...extra }),
        warn: (message, extra) => logger.warn(message, { ...extra }),
      },
    });
    if (result.status === 'done') {
      metrics.addMetric('AlertsDetected', MetricUnit.Count, result.detected.length);
      const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);
      metrics.addMetric('AlertsSent', MetricUnit.Count, sum(result.sent));
      metrics.addMetric('AlertsFailed', MetricUnit.Count, sum(result.failed));
    }
    return result;
  };

  return middy(run)
    .use(injectLambdaContext(logger))
    .use(logMetrics(metrics, { throwOnEmptyMetrics: false }));
}
