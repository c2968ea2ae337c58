import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { poolTarget, secretConnection } from '../../container/explorer/secretConnection.ts';
import { openScratchDatabase } from '../support/backends.ts';

const ARN = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:tubelens-explorer-AbCdEf';

/** An RDS-style secret's SecretString for `username` on the server of `url`. */
function rdsSecret(url: string, username: string, password: string): string {
  const server = new URL(url);
  return JSON.stringify({
    username,
    password,
    host: server.hostname,
    port: Number(server.port),
    dbname: server.pathname.slice(1),
  });
}

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
    const secret = { password: 'first-password' };
    let reads = 0;
    let clock = 0;
    const fetchSecret = async (arn: string) => {
      expect(arn).toBe(ARN);
      reads += 1;
      return rdsSecret(admin.url, role, secret.password);
    };
    const connection = await secretConnection(ARN, fetchSecret, { ttlMs: 60_000, now: () => clock });
    // No password in the URL: pg would prefer it over the function.
    expect(new URL(connection.connectionString).password).toBe('');
    const url = new URL(connection.connectionString);
    url.searchParams.delete('sslmode'); // the test server speaks no TLS
    expect(poolTarget(connection.connectionString, connection)).toMatchObject({
      user: role,
      ssl: { rejectUnauthorized: true },
    });
    const pool = new pg.Pool({ ...poolTarget(url.toString(), connection), max: 1 });
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

  it('reads the secret again soon after the server refuses the password, not at every refusal', async () => {
    const other = `${role}_b`;
    await admin.query(`CREATE ROLE ${other} LOGIN PASSWORD 'old-password'`);
    const secret = { password: 'old-password' };
    let reads = 0;
    let clock = 0;
    const fetchSecret = async () => {
      reads += 1;
      return rdsSecret(admin.url, other, secret.password);
    };
    const connection = await secretConnection(ARN, fetchSecret, {
      ttlMs: 60_000,
      minRereadMs: 5_000,
      now: () => clock,
    });
    const url = new URL(connection.connectionString);
    url.searchParams.delete('sslmode');
    const pool = new pg.Pool({
      ...poolTarget(url.toString(), connection),
      max: 1,
      idleTimeoutMillis: 1,
    });
    pool.on('error', () => {});
    const whoAmI = async () => (await pool.query<{ u: string }>('SELECT current_user AS u')).rows[0]!.u;
    try {
      expect(await whoAmI()).toBe(other);
      // The rotation sets the new password before it publishes it: a read now still gets the old one.
      await admin.query(`ALTER ROLE ${other} PASSWORD 'new-password'`);
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = $1', [other]);
      await expect(whoAmI()).rejects.toThrow(); // the terminated connection
      clock += 1_000;
      await expect(whoAmI()).rejects.toThrow(/password authentication failed/);
      // Refused within 5 s of the last read: the cached password is tried again, with no read.
      await expect(whoAmI()).rejects.toThrow(/password authentication failed/);
      expect(reads).toBe(1);
      clock += 5_000;
      await expect(whoAmI()).rejects.toThrow(/password authentication failed/); // re-read: still old
      expect(reads).toBe(2);
      secret.password = 'new-password'; // published
      await expect(whoAmI()).rejects.toThrow(/password authentication failed/); // within 5 s again
      clock += 5_000;
      expect(await whoAmI()).toBe(other); // long before the 60 s ttl
      expect(reads).toBe(3);
    } finally {
      await pool.end();
      await admin.query(`DROP ROLE IF EXISTS ${other}`);
    }
  });
});
