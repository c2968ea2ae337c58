import { z } from 'zod';
import type { DataApiClientOptions } from '../../db/dataApi/openDataApiClient.ts';
import { dataApiClientOptions } from '../shared/dataApiClientOptions.ts';
import { dataApiEnvShape } from '../shared/dataApiEnvShape.ts';
import { MigrateConfigError } from './errors.ts';

/** What the migrate function needs to reach Aurora through the Data API. */
export interface MigrateConfig {
  /** How to reach Aurora (a local endpoint and dummy credentials when RDS_DATA_ENDPOINT is set). */
  readonly dataApi: DataApiClientOptions;
}

const schema = z.object({
  ...dataApiEnvShape,
  AWS_REGION: z.string().optional(),
  AWS_ACCESS_KEY_ID: z.string().optional(),
  AWS_SECRET_ACCESS_KEY: z.string().optional(),
});
const NAMES = [
  'DB_CLUSTER_ARN',
  'DB_SECRET_ARN',
  'DB_NAME',
  'RDS_DATA_ENDPOINT',
  'AWS_REGION',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
] as const;

/** Reads and validates the configuration once; throws MigrateConfigError naming what is wrong. */
export function readMigrateConfig(env: NodeJS.ProcessEnv = process.env): MigrateConfig {
  const cleaned = Object.fromEntries(NAMES.map((k) => [k, env[k] || undefined]));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    throw new MigrateConfigError(parsed.error.issues.map((issue) => issue.message).join('; '));
  }
  return { dataApi: dataApiClientOptions(parsed.data) };
}
