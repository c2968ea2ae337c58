import { spawn } from 'node:child_process';
import http from 'node:http';
import { ExecuteStatementCommand } from '@aws-sdk/client-rds-data';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDataApiClient } from '../../../db/dataApi/openDataApiClient.ts';
import type { SqlClient } from '../../../db/sql/SqlClient.ts';
import { dataApiEnv, startDataApiServer } from '../../../local/dataApi/index.ts';
import { openScratchDatabase } from '../../support/backends.ts';
import { removeDataDir, tempDataDir } from '../../support/tempDir.ts';
import { rdsClientFor } from './dataApiTestClient.ts';

describe('startDataApiServer', () => {
  let sql: SqlClient;
  beforeAll(async () => {
    sql = await openScratchDatabase();
  });
  afterAll(async () => {
    await sql?.close();
  });

  it('refuses to listen beyond loopback', async () => {
    await expect(startDataApiServer({ sql, host: '0.0.0.0' })).rejects.toThrow(/loopback only/);
  });

  it('rejects unknown limits, bad limit values and bad ports', async () => {
    await expect(startDataApiServer({ sql, limits: { maxRowsBytes: 1 } as never })).rejects.toThrow(
      /maxRowsBytes/,
    );
    await expect(startDataApiServer({ sql, limits: { statementTimeoutMs: -1 } })).rejects.toThrow();
    await expect(startDataApiServer({ sql, port: 70_000 })).rejects.toThrow(/port must be/);
  });

  it('answers only requests addressed to a loopback name, so a DNS-rebinding page gets nothing', async () => {
    const server = await startDataApiServer({ sql });
    try {
      const { port } = new URL(server.url);
      const call = (host: string) =>
        new Promise<{ status: number; body: string }>((resolve, reject) => {
          const request = http.request(
            `${server.url}/Execute`,
            {
              method: 'POST',
              headers: {
                host,
                authorization: 'AWS4-HMAC-SHA256 Credential=x',
                'content-type': 'application/json',
              },
            },
            (response) => {
              let body = '';
              response.on('data', (chunk) => {
                body += chunk;
              });
              response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
            },
          );
          request.on('error', reject);
          request.end(
            JSON.stringify({ resourceArn: server.resourceArn, secretArn: server.secretArn, sql: 'SELECT 1' }),
          );
        });
      const rebound = await call(`evil.example:${port}`);
      expect(rebound.status).toBe(421);
      expect(rebound.body).not.toMatch(/records/);
      for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`]) {
        expect((await call(host)).status, host).toBe(200);
      }
    } finally {
      await server.close();
    }
  });

  it('serves a database that openDataApiClient reaches through the environment it prints', async () => {
    const server = await startDataApiServer({ sql });
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const env = dataApiEnv(server);
      const client = openDataApiClient({
        resourceArn: env.DB_CLUSTER_ARN,
        secretArn: env.DB_SECRET_ARN,
        database: env.DB_NAME,
        endpoint: env.RDS_DATA_ENDPOINT,
        region: env.AWS_REGION,
        credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY },
      });
      expect((await client.query<{ n: number }>('SELECT 41 + 1 AS n')).rows).toEqual([{ n: 42 }]);
      await client.close();
    } finally {
      await server.close();
    }
  });

  it('rolls back open transactions when it closes', async () => {
    const server = await startDataApiServer({ sql });
    const client = openDataApiClient({ ...server, rds: rdsClientFor(server) });
    await sql.query('CREATE TABLE closing_t (x int)');
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const pending = client
      .transaction(async (tx) => {
        await tx.query('INSERT INTO closing_t VALUES (1)');
        await held;
      })
      .catch((error) => error);
    while (server.openTransactions() === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    await server.close();
    release();
    expect(await pending).toBeInstanceOf(Error);
    expect((await sql.query('SELECT count(*)::int AS n FROM closing_t')).rows).toEqual([{ n: 0 }]);
  });
});

describe('tubelens data-api', () => {
  it('prints the endpoint, ARNs and SDK environment, serves until Ctrl-C, then exits 0', async () => {
    const dataDir = await tempDataDir('tubelens-data-api-');
    const child = spawn(
      process.execPath,
      ['local/cli/tubelens.ts', 'data-api', '--port', '0', '--data-dir', dataDir],
      {
        env: { ...process.env, DATABASE_URL: '' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    try {
      let out = '';
      child.stdout.on('data', (chunk) => {
        out += chunk;
      });
      let err = '';
      child.stderr.on('data', (chunk) => {
        err += chunk;
      });
      const deadline = Date.now() + 50_000;
      while (!out.includes('Ctrl-C')) {
        if (Date.now() > deadline || child.exitCode !== null) throw new Error(`no banner: ${out}${err}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(out).toMatch(/loopback only/);
      const url = /export RDS_DATA_ENDPOINT=(\S+)/.exec(out)?.[1];
      const resourceArn = /export DB_CLUSTER_ARN=(\S+)/.exec(out)?.[1];
      const secretArn = /export DB_SECRET_ARN=(\S+)/.exec(out)?.[1];
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const rds = rdsClientFor({ url: url! });
      const answer = await rds.send(
        new ExecuteStatementCommand({
          resourceArn,
          secretArn,
          sql: 'SELECT count(*)::int AS migrations FROM schema_migrations',
        }),
      );
      expect(answer.records?.[0]?.[0]?.longValue).toBeGreaterThan(0);
      rds.destroy();
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.kill('SIGINT');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await removeDataDir(dataDir);
    }
  }, 60_000);
});
