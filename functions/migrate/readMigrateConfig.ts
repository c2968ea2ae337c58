import { z } from 'zod';
import { dataApiEnvShape } from '../shared/dataApiEnvShape.ts';
import { MigrateConfigError } from './errors.ts';

/** What the migrate function needs to reach Aurora through the Data API. */
export interface MigrateConfig {
  readonly resourceArn: string;
  readonly secretArn: string;
  readonly database: string;
  /** Local only: the local Data API endpoint (never set in AWS). */
  readonly endpoint: string | undefined;
}

const schema = z.object(dataApiEnvShape);

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
