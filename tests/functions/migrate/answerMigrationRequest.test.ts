import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../db/migrate.ts';
import { migrations } from '../../../db/migrations/index.ts';
import type { SqlClient } from '../../../db/sql/SqlClient.ts';
import {
  answerMigrationRequest,
  type MigrationRequestDeps,
} from '../../../functions/migrate/answerMigrationRequest.ts';
import { MigrateConfigError } from '../../../functions/migrate/errors.ts';
import { sendCustomResourceResponse } from '../../../functions/migrate/sendCustomResourceResponse.ts';
import { openScratchDatabase } from '../../support/backends.ts';
import { startResponseServer } from './support/startResponseServer.ts';

const config = {
  dataApi: {
    resourceArn: 'arn:aws:rds:us-east-1:123456789012:cluster:tubelens-test',
    secretArn: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:tubelens-test/aurora-AbCdEf',
    database: 'tubelens',
  },
  logins: [],
};
const quietLog = { info() {}, warn() {}, error() {} };

function request(type: 'Create' | 'Update' | 'Delete', responseUrl: string) {
  return {
    RequestType: type,
    ServiceToken: 'arn:aws:lambda:us-east-1:123456789012:function:tubelens-test-migrate',
    ResponseURL: responseUrl,
    StackId: 'arn:aws:cloudformation:us-east-1:123456789012:stack/tubelens-test/0a1b2c3d',
    RequestId: `req-${type}`,
    LogicalResourceId: 'MigrateOnDeploy',
    ResourceType: 'Custom::TubelensMigrations',
    ...(type === 'Create' ? {} : { PhysicalResourceId: 'tubelens-schema-migrations' }),
    ResourceProperties: { ServiceToken: 'x', DeployId: '2' },
    ...(type === 'Update' ? { OldResourceProperties: { ServiceToken: 'x', DeployId: '1' } } : {}),
  };
}

async function appliedVersions(client: SqlClient): Promise<number[]> {
  const exists = await client.query<{ present: boolean }>(
    "SELECT to_regclass('schema_migrations') IS NOT NULL AS present",
  );
  if (!exists.rows[0]?.present) return [];
  const { rows } = await client.query<{ version: number }>(
    'SELECT version FROM schema_migrations ORDER BY 1',
  );
  return rows.map((r) => r.version);
}

describe('answerMigrationRequest', () => {
  let db: SqlClient;
  let server: Awaited<ReturnType<typeof startResponseServer>>;
  let deps: MigrationRequestDeps;
  let migrateCalls: number;

  // One database for the file; each test starts from an empty schema.
  beforeAll(async () => {
    db = await openScratchDatabase();
  });
  afterAll(async () => {
    await db.close();
  });
  beforeEach(async () => {
    await db.query('DROP SCHEMA public CASCADE');
    await db.query('CREATE SCHEMA public');
    server = await startResponseServer();
    migrateCalls = 0;
    deps = {
      config,
      runMigrations: async () => {
        migrateCalls += 1;
        return migrate(db);
      },
      isRollingBack: async () => false,
      remainingTimeMs: () => 300_000,
      send: (url, response) => sendCustomResourceResponse(url, response),
      log: quietLog,
    };
  });
  afterEach(async () => {
    await server.close();
  });

  it('applies every migration on Create and answers SUCCESS with the versions', async () => {
    await answerMigrationRequest(request('Create', server.url), deps);
    const all = migrations.map((m) => m.version);
    expect(await appliedVersions(db)).toEqual(all);
    expect(server.answers()).toEqual([
      {
        Status: 'SUCCESS',
        Reason: expect.stringMatching(new RegExp(`^applied ${all.length} migration\\(s\\) \\(0001_init`)),
        PhysicalResourceId: 'tubelens-schema-migrations',
        StackId: 'arn:aws:cloudformation:us-east-1:123456789012:stack/tubelens-test/0a1b2c3d',
        RequestId: 'req-Create',
        LogicalResourceId: 'MigrateOnDeploy',
        Data: { Applied: all.join(','), CurrentVersion: all.at(-1) },
      },
    ]);
  });

  it('answers SUCCESS with nothing to apply when an Update finds the schema current', async () => {
    await migrate(db);
    await answerMigrationRequest(request('Update', server.url), deps);
    const [answer] = server.answers();
    expect(answer?.Status).toBe('SUCCESS');
    expect(answer?.Reason).toMatch(/^schema already at version \d+; nothing to apply$/);
    expect(answer?.Data).toEqual({ Applied: 'none', CurrentVersion: migrations.at(-1)?.version });
  });

  it('leaves the database alone on Delete and still answers', async () => {
    await answerMigrationRequest(request('Delete', server.url), deps);
    expect(migrateCalls).toBe(0);
    expect(await appliedVersions(db)).toEqual([]);
    expect(server.answers()[0]).toMatchObject({
      Status: 'SUCCESS',
      PhysicalResourceId: 'tubelens-schema-migrations',
    });
  });

  it('answers FAILED with the reason when a migration fails, keeping the ones before it', async () => {
    deps = {
      ...deps,
      runMigrations: () =>
        migrate(db, [
          migrations[0]!,
          { version: 9001, name: 'broken', sql: 'CREATE TABLE nope (id int REFERENCES missing(id))' },
        ]),
    };
    await answerMigrationRequest(request('Create', server.url), deps);
    const [answer] = server.answers();
    expect(answer?.Status).toBe('FAILED');
    expect(answer?.Reason).toMatch(/^migration 9001 \(broken\) failed and was rolled back: .*missing/);
    expect(await appliedVersions(db)).toEqual([1]);
  });

  it('answers FAILED naming the setting when the configuration is bad, without touching the database', async () => {
    deps = { ...deps, config: new MigrateConfigError('DB_SECRET_ARN is required') };
    await answerMigrationRequest(request('Create', server.url), deps);
    expect(migrateCalls).toBe(0);
    expect(server.answers()[0]).toMatchObject({
      Status: 'FAILED',
      Reason: 'migrate function misconfigured: DB_SECRET_ARN is required',
    });
  });

  it('answers FAILED before Lambda would stop the function when migrations run too long', async () => {
    deps = {
      ...deps,
      runMigrations: () => new Promise(() => {}),
      remainingTimeMs: () => 15_050,
      answerMarginMs: 15_000,
    };
    await answerMigrationRequest(request('Create', server.url), deps);
    expect(server.answers()[0]).toMatchObject({
      Status: 'FAILED',
      Reason: 'migrations did not finish within 0 s',
    });
  });

  it('does not re-run migrations while the stack rolls back a failed update', async () => {
    deps = { ...deps, isRollingBack: async () => true };
    await answerMigrationRequest(request('Update', server.url), deps);
    expect(migrateCalls).toBe(0);
    expect(server.answers()[0]).toMatchObject({
      Status: 'SUCCESS',
      Reason: 'stack is rolling back; migrations are forward-only, nothing to redo',
    });
  });

  it('runs the migrations when the stack status cannot be read', async () => {
    const warnings: string[] = [];
    deps = {
      ...deps,
      isRollingBack: async () => {
        throw new Error('AccessDenied');
      },
      log: { ...quietLog, warn: (message) => warnings.push(message) },
    };
    await answerMigrationRequest(request('Update', server.url), deps);
    expect(migrateCalls).toBe(1);
    expect(warnings).toEqual(['could not read the stack status; treating the update as a deploy']);
    expect(server.answers()[0]?.Status).toBe('SUCCESS');
  });

  it('rejects an event that is not a custom resource request, naming the fields', async () => {
    await expect(answerMigrationRequest({ RequestType: 'Create' }, deps)).rejects.toThrow(
      /^not a CloudFormation custom resource request: ResponseURL: .*StackId: /,
    );
    expect(server.received).toEqual([]);
  });
});
