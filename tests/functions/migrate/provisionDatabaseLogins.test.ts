import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../../db/migrate.ts';
import type { SqlClient } from '../../../db/sql/SqlClient.ts';
import { DatabaseLoginError } from '../../../functions/migrate/errors.ts';
import { provisionDatabaseLogins } from '../../../functions/migrate/provisionDatabaseLogins.ts';
import { openScratchDatabase } from '../../support/backends.ts';

// Roles are cluster-wide and the embedded server is shared by every test file: names of our own.
const user = `tubelens_${process.pid}_${randomBytes(3).toString('hex')}`;

const arn = (name: string) => `arn:aws:secretsmanager:us-east-1:123456789012:secret:${name}-AbCdEf`;

describe('provisionDatabaseLogins', () => {
  let db: SqlClient;
  beforeAll(async () => {
    db = await openScratchDatabase();
    await migrate(db);
  });
  afterAll(async () => {
    for (const job of ['explorer', 'refresh']) await db.query(`DROP ROLE IF EXISTS "${user}_${job}"`);
    await db.close();
  });

  it('creates each login from its own secret as a member of its group', async () => {
    // What an RDS secret attached to a cluster holds: more than the two fields read here.
    const secrets: Record<string, string> = {
      [arn('explorer')]: JSON.stringify({
        username: `${user}_explorer`,
        password: 'x'.repeat(32),
        host: 'cluster.example',
        port: 5432,
        engine: 'postgres',
      }),
      [arn('refresh')]: JSON.stringify({ username: `${user}_refresh`, password: 'y'.repeat(32) }),
    };
    const read: string[] = [];
    const done = await provisionDatabaseLogins(
      db,
      [
        { group: 'tubelens_read', secretArn: arn('explorer') },
        { group: 'tubelens_refresh', secretArn: arn('refresh') },
      ],
      async (secretArn) => {
        read.push(secretArn);
        return secrets[secretArn] ?? '';
      },
    );
    expect(done).toEqual([`${user}_explorer (tubelens_read)`, `${user}_refresh (tubelens_refresh)`]);
    expect(read).toEqual([arn('explorer'), arn('refresh')]);
    const members = await db.query<{ user: string; group: string }>(
      `SELECT m.rolname AS "user", g.rolname AS "group" FROM pg_auth_members a
         JOIN pg_roles m ON m.oid = a.member JOIN pg_roles g ON g.oid = a.roleid
        WHERE m.rolname IN ($1, $2) ORDER BY 1`,
      [`${user}_explorer`, `${user}_refresh`],
    );
    expect(members.rows).toEqual([
      { user: `${user}_explorer`, group: 'tubelens_read' },
      { user: `${user}_refresh`, group: 'tubelens_refresh' },
    ]);
  });

  it('names the secret, never its contents, when a secret is unreadable or malformed', async () => {
    const login = [{ group: 'tubelens_ingest' as const, secretArn: arn('ingest') }];
    const denied = provisionDatabaseLogins(db, login, async () => {
      throw Object.assign(new Error('not allowed'), { name: 'AccessDeniedException' });
    });
    await expect(denied).rejects.toThrow(
      new DatabaseLoginError(
        `could not read the tubelens_ingest secret ${arn('ingest')}: AccessDeniedException`,
      ),
    );
    const malformed = provisionDatabaseLogins(db, login, async () => 'hunter2-hunter2-hunter2');
    await expect(malformed).rejects.toThrow(
      `secret ${arn('ingest')} is not JSON with "username" and "password"`,
    );
    await expect(malformed).rejects.not.toThrow('hunter2');
  });
});
