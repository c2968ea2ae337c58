import type { DataApiClientOptions } from '../../db/dataApi/openDataApiClient.ts';

/** The validated variables of dataApiEnvShape, plus the AWS ones the SDK would otherwise read. */
export interface DataApiEnv {
  readonly DB_CLUSTER_ARN: string;
  readonly DB_SECRET_ARN: string;
  readonly DB_NAME: string;
  readonly RDS_DATA_ENDPOINT?: string | undefined;
  readonly AWS_REGION?: string | undefined;
  readonly AWS_ACCESS_KEY_ID?: string | undefined;
  readonly AWS_SECRET_ACCESS_KEY?: string | undefined;
}

/**
 * How every Lambda opens its Data API client, from its validated environment. A local endpoint
 * takes any credentials, so it gets the environment's (or dummies) rather than the SDK's default
 * chain, which would go looking for a profile or an instance role on a developer's machine.
 */
export function dataApiClientOptions(env: DataApiEnv): DataApiClientOptions {
  const endpoint = env.RDS_DATA_ENDPOINT;
  return {
    resourceArn: env.DB_CLUSTER_ARN,
    secretArn: env.DB_SECRET_ARN,
    database: env.DB_NAME,
    ...(env.AWS_REGION ? { region: env.AWS_REGION } : {}),
    ...(endpoint
      ? {
          endpoint,
          credentials: {
            accessKeyId: env.AWS_ACCESS_KEY_ID ?? 'local',
            secretAccessKey: env.AWS_SECRET_ACCESS_KEY ?? 'local',
          },
        }
      : {}),
  };
}
