import type { DataApiServer } from './startDataApiServer.ts';

/**
 * The environment a Lambda handler (or any SDK client) needs to reach the local endpoint: the
 * names the functions read, plus a region and dummy credentials (the endpoint checks no signature).
 */
export function dataApiEnv(server: Pick<DataApiServer, 'url' | 'resourceArn' | 'secretArn' | 'database'>) {
  return {
    RDS_DATA_ENDPOINT: server.url,
    DB_CLUSTER_ARN: server.resourceArn,
    DB_SECRET_ARN: server.secretArn,
    DB_NAME: server.database,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
  };
}
