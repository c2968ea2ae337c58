import * as z from 'zod/mini';
import type { AlertThresholds } from '../../db/alerts/alertThresholds.ts';
import { DEFAULT_THRESHOLDS } from '../../db/alerts/alertThresholds.ts';
import type { DataApiClientOptions } from '../../db/dataApi/openDataApiClient.ts';
import { dataApiClientOptions } from '../shared/dataApiClientOptions.ts';
import { awsEnvShape, dataApiEnvShape } from '../shared/dataApiEnvShape.ts';
import { readEnv } from '../shared/readEnv.ts';
import { AlertsConfigError } from './errors.ts';

/** What the alerts function needs, read once at cold start. */
export interface AlertsConfig {
  readonly dataApi: DataApiClientOptions;
  /** The SNS topic whose e-mail subscribers get the alerts; none: no SNS destination. */
  readonly topicArn: string | undefined;
  /** A Slack-compatible incoming webhook given directly (local runs). */
  readonly webhookUrl: string | undefined;
  /** A Secrets Manager secret holding the webhook URL (AWS: the URL is a credential). */
  readonly webhookSecretArn: string | undefined;
  /** The report site, for links in the messages. */
  readonly siteUrl: string | undefined;
  readonly thresholds: AlertThresholds;
  /**
   * Local only: an SNS endpoint (tests), with the environment's credentials or dummies, as the
   * Data API client gets them for a local endpoint.
   */
  readonly sns:
    | { endpoint: string; credentials: { accessKeyId: string; secretAccessKey: string } }
    | undefined;
  readonly region: string;
}

const number = (name: string, fallback: number) =>
  z._default(z.coerce.number().check(z.positive(`${name} must be a positive number`)), fallback);

const schema = z.object({
  ...dataApiEnvShape,
  ALERT_TOPIC_ARN: z.optional(
    z
      .string()
      .check(z.regex(/^arn:aws[\w-]*:sns:[\w-]+:\d{12}:[\w-]+$/, 'ALERT_TOPIC_ARN must be an SNS topic ARN')),
  ),
  ALERT_WEBHOOK_URL: z.optional(z.url({ error: 'ALERT_WEBHOOK_URL must be a URL' })),
  ALERT_WEBHOOK_SECRET_ARN: z.optional(
    z
      .string()
      .check(
        z.regex(
          /^arn:aws[\w-]*:secretsmanager:[\w-]+:\d{12}:secret:.+$/,
          'ALERT_WEBHOOK_SECRET_ARN must be a Secrets Manager secret ARN',
        ),
      ),
  ),
  SITE_URL: z.optional(z.url({ error: 'SITE_URL must be a URL' })),
  ALERT_OUTLIER_THRESHOLD: number('ALERT_OUTLIER_THRESHOLD', DEFAULT_THRESHOLDS.outlierScore),
  ALERT_VIEWS_CHANGE_PERCENT: number('ALERT_VIEWS_CHANGE_PERCENT', DEFAULT_THRESHOLDS.viewsChange * 100),
  ALERT_LOOKBACK_DAYS: number('ALERT_LOOKBACK_DAYS', DEFAULT_THRESHOLDS.lookbackDays),
  SNS_ENDPOINT: z.optional(z.url({ error: 'SNS_ENDPOINT must be a URL' })),
  ...awsEnvShape,
});

/** Reads and validates the alerts configuration; throws one AlertsConfigError naming every problem. */
export function readAlertsConfig(env: NodeJS.ProcessEnv = process.env): AlertsConfig {
  const c = readEnv(schema, env, AlertsConfigError);
  return {
    dataApi: dataApiClientOptions(c),
    topicArn: c.ALERT_TOPIC_ARN,
    webhookUrl: c.ALERT_WEBHOOK_URL,
    webhookSecretArn: c.ALERT_WEBHOOK_SECRET_ARN,
    siteUrl: c.SITE_URL,
    thresholds: {
      outlierScore: c.ALERT_OUTLIER_THRESHOLD,
      viewsChange: c.ALERT_VIEWS_CHANGE_PERCENT / 100,
      lookbackDays: Math.round(c.ALERT_LOOKBACK_DAYS),
    },
    sns: c.SNS_ENDPOINT
      ? {
          endpoint: c.SNS_ENDPOINT,
          credentials: {
            accessKeyId: c.AWS_ACCESS_KEY_ID ?? 'local',
            secretAccessKey: c.AWS_SECRET_ACCESS_KEY ?? 'local',
          },
        }
      : undefined,
    region: c.AWS_REGION,
  };
}
