import type { Context } from 'aws-lambda';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { migrations } from '../../../db/migrations/index.ts';
import type { SqlClient } from '../../../db/sql/SqlClient.ts';
import { type DataApiServer, startDataApiServer } from '../../../local/dataApi/index.ts';
import { openScratchDatabase } from '../../support/backends.ts';
import { startSecretsServer } from '../../support/startSecretsServer.ts';
import { startResponseServer } from './support/startResponseServer.ts';
import { startStackStatusServer } from './support/startStackStatusServer.ts';

const STACK_ID = 'arn:aws:cloudformation:us-east-1:123456789012:stack/tubelens-test/0a1b2c3d';

function context(remainingMs = 300_000): Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: 'tubelens-test-migrate',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:tubelens-test-migrate',
    memoryLimitInMB: '512',
    awsRequestId: 'b6d2c4a0-0000-4000-8000-000000000000',
    logGroupName: '/aws/lambda/tubelens-test-migrate',
    logStreamName: '2026/11/27/[$LATEST]0000',
    getRemainingTimeInMillis: () => remainingMs,
    done() {},
    fail() {},
    succeed() {},
  };
}

function request(type: 'Create' | 'Update' | 'Delete', responseUrl: string) {
  return {
    RequestType: type,
    ServiceToken: 'arn:aws:lambda:us-east-1:123456789012:function:tubelens-test-migrate',
    ResponseURL: responseUrl,
    StackId: STACK_ID,
    RequestId: `req-${type}`,
    LogicalResourceId: 'MigrateOnDeploy',
    ResourceType: 'Custom::TubelensMigrations',
    ...(type === 'Create' ? {} : { PhysicalResourceId: 'tubelens-schema-migrations' }),
    ResourceProperties: { ServiceToken: 'x', DeployId: '2' },
    ...(type === 'Update' ? { OldResourceProperties: { ServiceToken: 'x', DeployId: '1' } } : {}),
  };
}

/** Imports the handler fresh, so its cold-start configuration comes from `env`. */
async function loadHandler(env: Record<string, string>) {
  for (const [k, v] of Object.entries(env)) vi.stubEnv(k, v);
  vi.resetModules();
  const mod = await import('../../../functions/migrate/handler.ts');
  return mod.handler;
}

describe('migrate handler (through the real middy chain and the Data API adapter)', () => {
  let db: SqlClient;
  let dataApi: DataApiServer;
  let stack: Awaited<ReturnType<typeof startStackStatusServer>>;
  let responses: Awaited<ReturnType<typeof startResponseServer>>;
  let env: Record<string, string>;
  const writes: string[] = [];

  beforeAll(async () => {
    db = await openScratchDatabase();
    dataApi = await startDataApiServer({ sql: db });
    stack = await startStackStatusServer();
    env = {
      DB_CLUSTER_ARN: dataApi.resourceArn,
      DB_SECRET_ARN: dataApi.secretArn,
      DB_NAME: dataApi.database,
      RDS_DATA_ENDPOINT: dataApi.url,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      AWS_ENDPOINT_URL_CLOUDFORMATION: stack.url,
      POWERTOOLS_LOG_LEVEL: 'INFO',
    };
  });
  afterAll(async () => {
    await stack.close();
    await dataApi.close();
    await db.close();
  });
  beforeEach(async () => {
    responses = await startResponseServer();
    writes.length = 0;
    // Powertools writes JSON lines (errors to stderr); keep them for assertions, out of the output.
    for (const stream of [process.stdout, process.stderr]) {
      vi.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
        writes.push(String(chunk));
        return true;
      });
    }
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
    await responses.close();
  });

  it('applies the migrations on Create, waiting while Aurora resumes from zero', async () => {
    const handler = await loadHandler(env);
    dataApi.faults.resumeNext(1);
    await handler(request('Create', responses.url), context());
    expect(dataApi.faults.pending.resuming).toBe(0);
    const { rows } = await db.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY 1');
    expect(rows.map((r) => r.version)).toEqual(migrations.map((m) => m.version));
    expect(responses.answers()[0]).toMatchObject({ Status: 'SUCCESS', LogicalResourceId: 'MigrateOnDeploy' });
    expect(writes.some((line) => line.includes('"applied migration"'))).toBe(true);
  });

  it('runs the migrations again while the cluster answers service faults, then succeeds', async () => {
    const handler = await loadHandler(env);
    // The SDK makes 3 attempts at a 503 and gives up; the function waits and runs migrate() again.
    dataApi.faults.failNext(503, 3);
    await handler(request('Update', responses.url), context());
    expect(dataApi.faults.pending.failures).toBe(0);
    expect(responses.answers()[0]).toMatchObject({ Status: 'SUCCESS' });
    expect(writes.some((line) => line.includes('"database not ready; retrying migrations"'))).toBe(true);
  });

  it('asks CloudFormation for the stack status on Update and runs when it is a deploy', async () => {
    stack.setStatus('UPDATE_IN_PROGRESS');
    const handler = await loadHandler(env);
    await handler(request('Update', responses.url), context());
    expect(stack.actions.at(-1)).toBe('DescribeStacks');
    expect(responses.answers()[0]).toMatchObject({
      Status: 'SUCCESS',
      Reason: expect.stringMatching(/^schema already at version/),
    });
  });

  it('answers an Update during rollback without running anything', async () => {
    stack.setStatus('UPDATE_ROLLBACK_IN_PROGRESS');
    const handler = await loadHandler(env);
    const before = dataApi.stats.requests;
    await handler(request('Update', responses.url), context());
    expect(dataApi.stats.requests).toBe(before);
    expect(responses.answers()[0]).toMatchObject({
      Status: 'SUCCESS',
      Reason: 'stack is rolling back; migrations are forward-only, nothing to redo',
    });
  });

  it('answers FAILED with the missing setting instead of failing to start', async () => {
    const handler = await loadHandler({ ...env, DB_SECRET_ARN: '' });
    await handler(request('Create', responses.url), context());
    expect(responses.answers()[0]).toMatchObject({
      Status: 'FAILED',
      Reason: 'migrate function misconfigured: DB_SECRET_ARN is required',
    });
    expect(writes.some((line) => line.includes('"bad configuration"'))).toBe(true);
  });

  it('answers Delete without calling the database', async () => {
    const handler = await loadHandler(env);
    const before = dataApi.stats.requests;
    await handler(request('Delete', responses.url), context());
    expect(dataApi.stats.requests).toBe(before);
    expect(responses.answers()[0]).toMatchObject({ Status: 'SUCCESS' });
  });

  it("creates each job's login from its own secret, through the Data API, after migrating", async () => {
    const arn = (name: string) => `arn:aws:secretsmanager:us-east-1:123456789012:secret:${name}-AbCdEf`;
    // Roles are cluster-wide on the shared embedded server: names no other test file uses.
    const user = `tubelens_${process.pid}_${Date.now().toString(36)}`;
    const login = (username: string) =>
      JSON.stringify({ username, password: `${username}-password-0123456789` });
    const secrets = await startSecretsServer({
      [arn('explorer')]: login(`${user}_explorer`),
      [arn('ingest')]: login(`${user}_ingest`),
      [arn('refresh')]: login(`${user}_refresh`),
    });
    try {
      const handler = await loadHandler({
        ...env,
        AWS_ENDPOINT_URL_SECRETS_MANAGER: secrets.url,
        EXPLORER_DB_SECRET_ARN: arn('explorer'),
        INGEST_DB_SECRET_ARN: arn('ingest'),
        REFRESH_DB_SECRET_ARN: arn('refresh'),
      });
      const before = dataApi.stats.requests;
      await handler(request('Create', responses.url), context());
      expect(responses.answers()[0]).toMatchObject({ Status: 'SUCCESS' });
      expect(secrets.asked).toEqual([arn('explorer'), arn('ingest'), arn('refresh')]);
      // Three statements per login, each its own Data API call.
      expect(dataApi.stats.requests - before).toBeGreaterThanOrEqual(9);
      const members = await db.query<{ member: string; role: string }>(
        `SELECT m.rolname AS member, g.rolname AS role FROM pg_auth_members a
           JOIN pg_roles m ON m.oid = a.member JOIN pg_roles g ON g.oid = a.roleid
          WHERE m.rolname LIKE $1 ORDER BY 1`,
        [`${user}_%`],
      );
      expect(members.rows).toEqual([
        { member: `${user}_explorer`, role: 'tubelens_read' },
        { member: `${user}_ingest`, role: 'tubelens_ingest' },
        { member: `${user}_refresh`, role: 'tubelens_refresh' },
      ]);
      expect(writes.some((line) => line.includes('"database logins provisioned"'))).toBe(true);
    } finally {
      await secrets.close();
      for (const job of ['explorer', 'ingest', 'refresh'])
        await db.query(`DROP ROLE IF EXISTS "${user}_${job}"`);
    }
  });
});
