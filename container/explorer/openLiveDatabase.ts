import { openPgClient } from '../../db/sql/pgClient.ts';
import { openPgliteClient } from '../../db/sql/pgliteClient.ts';
import type { SqlClient } from '../../db/sql/SqlClient.ts';
import type { LiveDatabase } from './liveDatabase.ts';
import { pgLiveDatabase } from './pgLiveDatabase.ts';
import { connectionStringFromSecret, type ExplorerConfig } from './readConfig.ts';
import { sqlClientLiveDatabase } from './sqlClientLiveDatabase.ts';

/** Reads the connection URL out of a Secrets Manager secret (production on Fargate). */
async function fetchSecretConnectionString(secretArn: string, region: string | undefined): Promise<string> {
  const { SecretsManagerClient, GetSecretValueCommand } = await import('@aws-sdk/client-secrets-manager');
  const client = new SecretsManagerClient(region ? { region } : {});
  try {
    const secret = await client.send(new GetSecretValueCommand({ SecretId: secretArn }));
    if (!secret.SecretString) throw new Error(`secret ${secretArn} has no SecretString`);
    return connectionStringFromSecret(secret.SecretString);
  } finally {
    client.destroy();
  }
}

/** Opens the configured database: a pg pool for a server, else the embedded PGlite. */
export async function openLiveDatabase(
  config: Pick<ExplorerConfig, 'database' | 'poolSize' | 'statementTimeoutMs' | 'testQueryDelayMs'>,
): Promise<{ live: LiveDatabase; sql: SqlClient }> {
  const liveOptions = { statementTimeoutMs: config.statementTimeoutMs, testDelayMs: config.testQueryDelayMs };
  const db = config.database;
  if (db.kind === 'embedded') {
    const sql = await openPgliteClient({ dataDir: db.dataDir });
    return { sql, live: sqlClientLiveDatabase(sql, liveOptions) };
  }
  const connectionString =
    db.kind === 'url' ? db.url : await fetchSecretConnectionString(db.secretArn, db.region);
  const sql = openPgClient({
    connectionString,
    max: config.poolSize,
    statementTimeoutMs: config.statementTimeoutMs,
    applicationName: 'tubelens-explorer',
  });
  return { sql, live: pgLiveDatabase(sql.pool, liveOptions) };
}
