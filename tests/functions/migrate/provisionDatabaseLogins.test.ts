import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../../db/migrate.ts';
import { openPgliteClient } from '../../../db/sql/pgliteClient.ts';
import type { SqlClient } from '../../../db/sql/SqlClient.ts';
import { DatabaseLoginError } from '../../../functions/migrate/errors.ts';
import { provisionDatabaseLogins } from '../../../functions/migrate/provisionDatabaseLogins.ts';

const arn = (name: string) => `arn:aws:secretsmanager:us-east-1:123456789012:secret:${name}-AbCdEf`;

describe('provisionDatabaseLogins', () => {
  let db: SqlClient;
  beforeAll(async () => {
    db = await openPgliteClient();
    await migrate(db);
  });
  afterAll(async () => {
    await db.close();
  });

  it('creates each login from its own secret as a member of its group', async () => {
    // What an RDS secret attached to a cluster holds: more than the two fields read here.
    const secrets: Record<string, string> = {
      [arn('explorer')]: JSON.stringify({
        username: 'tubelens_test_explorer',
        password: 'x'.repeat(32),
        host: 'cluster.example',
        port: 5432,
        engine: 'postgres',
      }),
      [arn('refresh')]: JSON.stringify({ username: 'tubelens_test_refresh', password: 'y'.repeat(32) }),
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
    expect(done).toEqual([
      'tubelens_test_explorer (tubelens_read)',
      'tubelens_test_refresh (tubelens_refresh)',
    ]);
    expect(read).toEqual([arn('explorer'), arn('refresh')]);
    const members = await db.query<{ user: string; group: string }>(
      `SELECT m.rolname AS "user", g.rolname AS "group" FROM pg_auth_members a
         JOIN pg_roles m ON m.oid = a.member JOIN pg_roles g ON g.oid = a.roleid
        WHERE m.rolname LIKE 'tubelens_test_%' ORDER BY 1`,
    );
    expect(members.rows).toEqual([
      { user: 'tubelens_test_explorer', group: 'tubelens_read' },
      { user: 'tubelens_test_refresh', group: 'tubelens_refresh' },
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
