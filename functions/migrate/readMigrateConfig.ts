import { z } from 'zod';
import type { DataApiClientOptions } from '../../db/dataApi/openDataApiClient.ts';
import { dataApiClientOptions } from '../shared/dataApiClientOptions.ts';
import { dataApiEnvShape } from '../shared/dataApiEnvShape.ts';
import { readEnv } from '../shared/readEnv.ts';
import { MigrateConfigError } from './errors.ts';
import type { DatabaseLogin } from './provisionDatabaseLogins.ts';

/** What the migrate function needs to reach Aurora through the Data API. */
export interface MigrateConfig {
  /** How to reach Aurora (a local endpoint and dummy credentials when RDS_DATA_ENDPOINT is set). */
  readonly dataApi: DataApiClientOptions;
  /** Login users to give their passwords after migrating; none locally (the CLI needs no logins). */
  readonly logins: readonly DatabaseLogin[];
}

const secretArn = (name: string) =>
  z
    .string()
    .regex(
      /^arn:aws[\w-]*:secretsmanager:[\w-]+:\d{12}:secret:.+$/,
      `${name} must be a Secrets Manager secret ARN`,
    )
    .optional();

/** Which variable names the secret of which group role's login user. */
const LOGIN_SECRETS = {
  EXPLORER_DB_SECRET_ARN: 'tubelens_read',
  INGEST_DB_SECRET_ARN: 'tubelens_ingest',
  REFRESH_DB_SECRET_ARN: 'tubelens_refresh',
} as const;

const schema = z.object({
  ...dataApiEnvShape,
  AWS_REGION: z.string().optional(),
  AWS_ACCESS_KEY_ID: z.string().optional(),
  AWS_SECRET_ACCESS_KEY: z.string().optional(),
  EXPLORER_DB_SECRET_ARN: secretArn('EXPLORER_DB_SECRET_ARN'),
  INGEST_DB_SECRET_ARN: secretArn('INGEST_DB_SECRET_ARN'),
  REFRESH_DB_SECRET_ARN: secretArn('REFRESH_DB_SECRET_ARN'),
});
/** Reads and validates the configuration once; throws MigrateConfigError naming what is wrong. */
export function readMigrateConfig(env: NodeJS.ProcessEnv = process.env): MigrateConfig {
  const parsed = readEnv(schema, env, MigrateConfigError);
  const logins = Object.entries(LOGIN_SECRETS).flatMap(([name, group]) => {
    const arn = parsed[name as keyof typeof LOGIN_SECRETS];
    return arn ? [{ group, secretArn: arn }] : [];
  });
  return { dataApi: dataApiClientOptions(parsed), logins };
}
