import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { poolTarget, secretConnection } from '../../container/explorer/secretConnection.ts';
import { openScratchDatabase } from '../support/backends.ts';

const ARN = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:tubelens-explorer-AbCdEf';

describe('secretConnection', () => {
  let admin: Awaited<ReturnType<typeof openScratchDatabase>>;
  const role = `tubelens_rotation_${randomBytes(3).toString('hex')}`;
  beforeAll(async () => {
    admin = await openScratchDatabase();
    await admin.query(`CREATE ROLE ${role} LOGIN PASSWORD 'first-password'`);
  });
  afterAll(async () => {
    await admin.query(`DROP ROLE IF EXISTS ${role}`);
    await admin.close();
  });

  it('opens new connections with a rotated password once the cached one is older than its ttl', async () => {
    const server = new URL(admin.url);
    const secret = { password: 'first-password' };
    let reads = 0;
    let clock = 0;
    const fetchSecret = async (arn: string) => {
      expect(arn).toBe(ARN);
      reads += 1;
      return JSON.stringify({
        username: role,
        password: secret.password,
        host: server.hostname,
        port: Number(server.port),
        dbname: server.pathname.slice(1),
      });
    };
    const connection = await secretConnection(ARN, fetchSecret, { ttlMs: 60_000, now: () => clock });
    // No password in the URL: pg would prefer it over the function.
    expect(new URL(connection.connectionString).password).toBe('');
    const url = new URL(connection.connectionString);
    url.searchParams.delete('sslmode'); // the test server speaks no TLS
    expect(poolTarget(connection.connectionString, connection.password)).toMatchObject({
      user: role,
      ssl: { rejectUnauthorized: true },
    });
    const pool = new pg.Pool({ ...poolTarget(url.toString(), connection.password), max: 1 });
    pool.on('error', () => {});
    try {
      const whoAmI = async () => (await pool.query<{ u: string }>('SELECT current_user AS u')).rows[0]!.u;
      expect(await whoAmI()).toBe(role);

      // Rotation: the database and the secret get a new password; open connections are dropped.
      await admin.query(`ALTER ROLE ${role} PASSWORD 'second-password'`);
      secret.password = 'second-password';
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = $1', [role]);
      await expect(whoAmI()).rejects.toThrow();
      // Within the ttl the old password is still used, and refused.
      await expect(whoAmI()).rejects.toThrow(/password authentication failed/);
      clock += 60_000;
      expect(await whoAmI()).toBe(role);
      expect(reads).toBe(2);
    } finally {
      await pool.end();
    }
  });
});
