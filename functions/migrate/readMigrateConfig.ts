import { z } from 'zod';
import type { DataApiClientOptions } from '../../db/dataApi/openDataApiClient.ts';
import { dataApiClientOptions } from '../shared/dataApiClientOptions.ts';
import { dataApiEnvShape } from '../shared/dataApiEnvShape.ts';
import { readEnv } from '../shared/readEnv.ts';
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
/** Reads and validates the configuration once; throws MigrateConfigError naming what is wrong. */
export function readMigrateConfig(env: NodeJS.ProcessEnv = process.env): MigrateConfig {
  return { dataApi: dataApiClientOptions(readEnv(schema, env, MigrateConfigError)) };
}
