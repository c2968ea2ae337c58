import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { openDataApiClient } from '../../db/dataApi/openDataApiClient.ts';
import { retryWhileResuming } from '../../db/dataApi/retryWhileResuming.ts';
import { migrate } from '../../db/migrate.ts';
import { answerMigrationRequest } from './answerMigrationRequest.ts';
import { isDatabaseNotReady } from './isDatabaseNotReady.ts';
import { provisionDatabaseLogins } from './provisionDatabaseLogins.ts';
import { type MigrateConfig, readMigrateConfig } from './readMigrateConfig.ts';
import { sendCustomResourceResponse } from './sendCustomResourceResponse.ts';
import { stackIsRollingBack } from './stackIsRollingBack.ts';

const log = new Logger({ serviceName: 'tubelens-migrate' });

// Read once at cold start. A bad value is kept, not thrown: a function that fails to start never
// answers CloudFormation, and the deploy would hang for an hour instead of failing with the reason.
let config: MigrateConfig | Error;
try {
  config = readMigrateConfig();
} catch (error) {
  config = error as Error;
  log.error('bad configuration', { error });
}

const NOT_READY_BUDGET_MS = 120_000;

const secretsManager = new SecretsManagerClient({});
async function readSecret(arn: string): Promise<string> {
  return (await secretsManager.send(new GetSecretValueCommand({ SecretId: arn }))).SecretString ?? '';
}

/**
 * Applies pending migrations through the Data API (which retries while Aurora resumes from zero),
 * then gives each deployment login (explorer, ingest, refresh) the password in its own secret.
 */
async function runMigrations(c: MigrateConfig) {
  const client = openDataApiClient(c.dataApi);
  try {
    // Re-running migrate() is safe (applied versions are skipped), so a cluster that is not ready
    // yet gets the whole run again: 2, 4, 8, then every 10 s, within 2 minutes of the 300 s timeout.
    const result = await retryWhileResuming(
      () =>
        migrate(client, undefined, (m) =>
          log.info('applied migration', { version: m.version, name: m.name }),
        ),
      {
        budgetMs: NOT_READY_BUDGET_MS,
        onRetry: ({ attempt, delayMs, error }) =>
          log.warn('database not ready; retrying migrations', {
            attempt,
            delayMs,
            error: (error as Error).message,
          }),
      },
      isDatabaseNotReady,
    );
    const logins = await provisionDatabaseLogins(client, c.logins, readSecret);
    if (logins.length > 0) log.info('database logins provisioned', { logins });
    return result;
  } finally {
    await client.close();
  }
}

const isRollingBack = stackIsRollingBack();
const migrationLog = {
  info: (message: string, fields: Record<string, unknown> = {}) => log.info(message, fields),
  warn: (message: string, fields: Record<string, unknown> = {}) => log.warn(message, fields),
  error: (message: string, fields: Record<string, unknown> = {}) => log.error(message, fields),
};

/** CloudFormation custom resource `Custom::TubelensMigrations`: runs migrations on every deploy. */
export const handler = middy(async (event: unknown, context: Context): Promise<void> => {
  await answerMigrationRequest(event, {
    config,
    runMigrations,
    isRollingBack,
    remainingTimeMs: () => context.getRemainingTimeInMillis(),
    send: sendCustomResourceResponse,
    log: migrationLog,
  });
}).use(injectLambdaContext(log));
