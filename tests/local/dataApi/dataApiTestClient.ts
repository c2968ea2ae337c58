import {
  ExecuteStatementCommand,
  type ExecuteStatementCommandInput,
  type ExecuteStatementCommandOutput,
  RDSDataClient,
} from '@aws-sdk/client-rds-data';
import type { SqlClient } from '../../../db/sql/SqlClient.ts';
import {
  type DataApiServer,
  type DataApiServerOptions,
  startDataApiServer,
} from '../../../local/dataApi/index.ts';

/** The real SDK client pointed at a local endpoint: any region, dummy credentials. */
export function rdsClientFor(server: Pick<DataApiServer, 'url'>, maxAttempts = 3) {
  return new RDSDataClient({
    endpoint: server.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts,
  });
}

export interface EndpointUnderTest {
  readonly server: DataApiServer;
  readonly rds: RDSDataClient;
  /** resourceArn, secretArn and database of the endpoint. */
  readonly target: { resourceArn: string; secretArn: string; database: string };
  /** ExecuteStatement with the target filled in. */
  execute(
    input: Omit<ExecuteStatementCommandInput, 'resourceArn' | 'secretArn'>,
  ): Promise<ExecuteStatementCommandOutput>;
  close(): Promise<void>;
}

/** Starts an endpoint over a test database and a real RDSDataClient for it. */
export async function startEndpoint(
  sql: SqlClient,
  options: Omit<DataApiServerOptions, 'sql'> = {},
): Promise<EndpointUnderTest> {
  const server = await startDataApiServer({ sql, ...options });
  const rds = rdsClientFor(server);
  const target = { resourceArn: server.resourceArn, secretArn: server.secretArn, database: server.database };
  return {
    server,
    rds,
    target,
    execute: (input) => rds.send(new ExecuteStatementCommand({ ...target, ...input })),
    async close() {
      rds.destroy();
      await server.close();
    },
  };
}

/** What a failed call threw, in the terms a test compares with AWS: class, message, HTTP status. */
export async function failureOf(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    const e = error as Error & { $metadata?: { httpStatusCode?: number }; $fault?: string };
    return {
      name: e.name,
      message: e.message,
      status: e.$metadata?.httpStatusCode,
      fault: e.$fault,
      error: e,
    };
  }
  throw new Error('expected the call to fail, but it succeeded');
}
