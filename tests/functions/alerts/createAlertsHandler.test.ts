import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { watchChannels } from '../../../db/alerts/watchedChannels.ts';
import { loadFile } from '../../../db/load/loadFile.ts';
import { openTrendingFile } from '../../../db/load/openTrendingFile.ts';
import { createAlertsHandler } from '../../../functions/alerts/createAlertsHandler.ts';
import { AlertsConfigError } from '../../../functions/alerts/errors.ts';
import { readAlertsConfig } from '../../../functions/alerts/readAlertsConfig.ts';
import { dataApiEnv } from '../../../local/dataApi/dataApiEnv.ts';
import { type DataApiServer, startDataApiServer } from '../../../local/dataApi/startDataApiServer.ts';
import { localLambdaContext } from '../../../local/refresh/localLambdaContext.ts';
import { redirectMetricsOutput } from '../../../local/refresh/redirectMetricsOutput.ts';
import { describeEachBackend } from '../../support/backends.ts';
import { startSecretsServer } from '../../support/startSecretsServer.ts';
import { startSnsStub } from './support/startSnsStub.ts';
import { startWebhookServer } from './support/startWebhookServer.ts';

const scheduled = { 'detail-type': 'Scheduled Event', source: 'aws.events', detail: {} };
const TOPIC = 'arn:aws:sns:us-east-1:123456789012:tubelens-test-growth-alerts';
const SECRET = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:tubelens-alert-webhook-AbCdEf';
const DB = {
  DB_CLUSTER_ARN: 'arn:aws:rds:us-east-1:123456789012:cluster:tubelens',
  DB_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf',
};

describe('readAlertsConfig', () => {
  it('has the documented defaults and names every problem at once', () => {
    expect(readAlertsConfig(DB)).toMatchObject({
      topicArn: undefined,
      webhookUrl: undefined,
      thresholds: { outlierScore: 3, viewsChange: 0.5, lookbackDays: 35 },
    });
    expect(() =>
      readAlertsConfig({
        ...DB,
        ALERT_TOPIC_ARN: 'my-topic',
        ALERT_VIEWS_CHANGE_PERCENT: '-5',
        SITE_URL: 'x',
      }),
    ).toThrow(
      new AlertsConfigError(
        'ALERT_TOPIC_ARN must be an SNS topic ARN; SITE_URL must be a URL; ALERT_VIEWS_CHANGE_PERCENT must be a positive number',
      ),
    );
  });
});

describeEachBackend('alerts handler through the Data API', (db) => {
  let server: DataApiServer;
  const closers: (() => Promise<void>)[] = [];
  beforeAll(async () => {
    for (const name of ['channels.csv', 'channel_daily.csv', 'video_snapshots.csv']) {
      const file = `tests/fixtures/tracker/${name}`;
      await loadFile(db().client, await openTrendingFile(file), { file });
    }
    await watchChannels(db().client, ['UCbbbbbbbbbbbbbbbbbbbbbb'], '2026-02-10');
    server = await startDataApiServer({ sql: db().client });
  });
  afterAll(async () => {
    await server?.close();
    for (const close of closers) await close();
  });

  it('sends through SNS and the webhook from its secret once, via the real middy chain', async () => {
    const webhook = await startWebhookServer();
    const sns = await startSnsStub();
    const secrets = await startSecretsServer({ [SECRET]: JSON.stringify({ url: webhook.url }) });
    closers.push(webhook.close, sns.close, secrets.close);
    const emf: string[] = [];
    const metrics = redirectMetricsOutput(
      new Metrics({ namespace: 'tubelens', serviceName: 'alerts' }),
      (l) => emf.push(l),
    );
    const handler = createAlertsHandler(
      {
        ...dataApiEnv(server),
        ALERT_TOPIC_ARN: TOPIC,
        SNS_ENDPOINT: sns.url,
        ALERT_WEBHOOK_SECRET_ARN: SECRET,
        SITE_URL: 'https://d111111abcdef8.cloudfront.net/',
      },
      {
        logger: new Logger({ serviceName: 'tubelens-alerts', logLevel: 'SILENT' }),
        metrics,
        secretsManager: new SecretsManagerClient({
          endpoint: secrets.url,
          region: 'us-east-1',
          credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
        }),
      },
    );
    const first = await handler(scheduled, localLambdaContext('tubelens-alerts'));
    const second = await handler(scheduled, localLambdaContext('tubelens-alerts'));
    // B from 2026-02-10: the 7-day views jump of the 15th and the drop of the 22nd.
    expect(first).toMatchObject({ status: 'done', sent: { sns: 2, webhook: 2 } });
    expect(second).toMatchObject({ status: 'done', detected: [], sent: { sns: 0, webhook: 0 } });
    expect(webhook.accepted().sort()).toEqual([
      'views7d:UCbbbbbbbbbbbbbbbbbbbbbb:2026-02-15',
      'views7d:UCbbbbbbbbbbbbbbbbbbbbbb:2026-02-22',
    ]);
    expect(sns.published).toHaveLength(1);
    expect(sns.published[0]!.message).toContain('Reports: https://d111111abcdef8.cloudfront.net/');
    expect(secrets.reads).toBe(1);
    const sent = emf.map((l) => JSON.parse(l) as Record<string, unknown>).map((m) => m.AlertsSent);
    expect(sent).toEqual([4, 0]);
  });
});
