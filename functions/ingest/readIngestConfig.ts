import { z } from 'zod';
import type { DataApiClientOptions } from '../../db/dataApi/openDataApiClient.ts';
import { dataApiClientOptions } from '../shared/dataApiClientOptions.ts';
import { dataApiEnvShape } from '../shared/dataApiEnvShape.ts';
import { readEnv } from '../shared/readEnv.ts';
import { IngestConfigError } from './errors.ts';
import { DEFAULT_YOUTUBE_API_BASE_URL } from './youtube/createHttpYouTubeApi.ts';

/** What the ingest function needs, read once at cold start. */
export interface IngestConfig {
  /** How to reach Aurora (a local endpoint and dummy credentials when RDS_DATA_ENDPOINT is set). */
  readonly dataApi: DataApiClientOptions;
  /** The API key itself (local runs) ... */
  readonly apiKey: string | undefined;
  /** ... or the Secrets Manager secret that holds it (AWS). */
  readonly apiKeySecretArn: string | undefined;
  readonly youtubeBaseUrl: string;
  readonly dailyQuota: number;
  /** AWS_REGION (always set in Lambda; us-east-1 for local endpoints when unset). */
  readonly region: string;
}

const schema = z
  .object({
    ...dataApiEnvShape,
    YOUTUBE_API_KEY_SECRET_ARN: z
      .string()
      .regex(
        /^arn:aws[\w-]*:secretsmanager:[\w-]+:\d{12}:secret:.+$/,
        'YOUTUBE_API_KEY_SECRET_ARN must be a Secrets Manager secret ARN',
      )
      .optional(),
    YOUTUBE_API_KEY: z.string().min(1).optional(),
    YOUTUBE_API_BASE_URL: z.url('YOUTUBE_API_BASE_URL must be a URL').default(DEFAULT_YOUTUBE_API_BASE_URL),
    YOUTUBE_DAILY_QUOTA: z.coerce
      .number()
      .int('YOUTUBE_DAILY_QUOTA must be a whole number of units')
      .positive('YOUTUBE_DAILY_QUOTA must be positive')
      .default(10_000),
    AWS_REGION: z
      .string()
      .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'AWS_REGION must be a region')
      .default('us-east-1'),
    AWS_ACCESS_KEY_ID: z.string().optional(),
    AWS_SECRET_ACCESS_KEY: z.string().optional(),
  })
  .refine((c) => c.YOUTUBE_API_KEY_SECRET_ARN || c.YOUTUBE_API_KEY, {
    message: 'YOUTUBE_API_KEY_SECRET_ARN (in AWS) or YOUTUBE_API_KEY (locally) is required',
  });

/** Reads and validates the configuration; throws IngestConfigError naming every problem. */
export function readIngestConfig(env: NodeJS.ProcessEnv = process.env): IngestConfig {
  // Messages only: readEnv never echoes a value (one of them may be the API key).
  const c = readEnv(schema, env, IngestConfigError);
  return {
    dataApi: dataApiClientOptions(c),
    apiKey: c.YOUTUBE_API_KEY_SECRET_ARN ? undefined : c.YOUTUBE_API_KEY,
    apiKeySecretArn: c.YOUTUBE_API_KEY_SECRET_ARN,
    youtubeBaseUrl: c.YOUTUBE_API_BASE_URL,
    dailyQuota: c.YOUTUBE_DAILY_QUOTA,
    region: c.AWS_REGION,
  };
}
