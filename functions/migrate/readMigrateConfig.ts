import { z } from 'zod';
import { MigrateConfigError } from './errors.ts';

/** What the migrate function needs to reach Aurora through the Data API. */
export interface MigrateConfig {
  readonly resourceArn: string;
  readonly secretArn: string;
  readonly database: string;
  /** Local only: the local Data API endpoint (never set in AWS). */
  readonly endpoint: string | undefined;
}

const schema = z.object({
  DB_CLUSTER_ARN: z
    .string({ error: 'DB_CLUSTER_ARN is required' })
    .regex(/^arn:aws[\w-]*:rds:[\w-]+:\d{12}:cluster:.+$/, 'DB_CLUSTER_ARN must be an Aurora cluster ARN'),
  DB_SECRET_ARN: z
    .string({ error: 'DB_SECRET_ARN is required' })
    .regex(
      /^arn:aws[\w-]*:secretsmanager:[\w-]+:\d{12}:secret:.+$/,
      'DB_SECRET_ARN must be a Secrets Manager secret ARN',
    ),
  DB_NAME: z.string().min(1).max(64).default('tubelens'),
  RDS_DATA_ENDPOINT: z.url('RDS_DATA_ENDPOINT must be a URL').optional(),
});

/** Reads and validates the configuration once; throws MigrateConfigError naming what is wrong. */
export function readMigrateConfig(env: NodeJS.ProcessEnv = process.env): MigrateConfig {
  const cleaned = Object.fromEntries(
    ['DB_CLUSTER_ARN', 'DB_SECRET_ARN', 'DB_NAME', 'RDS_DATA_ENDPOINT'].map((k) => [k, env[k] || undefined]),
  );
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    throw new MigrateConfigError(parsed.error.issues.map((issue) => issue.message).join('; '));
  }
  const c = parsed.data;
  return {
    resourceArn: c.DB_CLUSTER_ARN,
    secretArn: c.DB_SECRET_ARN,
    database: c.DB_NAME,
    endpoint: c.RDS_DATA_ENDPOINT,
  };
}
