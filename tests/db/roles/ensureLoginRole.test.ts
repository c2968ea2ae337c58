/**
 * Migration 0007 and the login users built on it, on a real PostgreSQL server: each deployment
 * login can do exactly what its part of the system needs, passwords are stored as PostgreSQL
 * itself would store them, and many databases on one server can migrate at once.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { migrate } from '../../../db/migrate.ts';
import { migrations } from '../../../db/migrations/index.ts';
import { ensureLoginRole, type GroupRole } from '../../../db/roles/ensureLoginRole.ts';
import { scramVerifier } from '../../../db/roles/scramVerifier.ts';
import { openPgClient } from '../../../db/sql/pgClient.ts';
import type { SqlClient } from '../../../db/sql/SqlClient.ts';
import { createServerDatabase, openTestDatabase, serverSkipReason } from '../../support/backends.ts';

const reason = serverSkipReason('pgUrl');
const suite = reason ? describe.skip : describe;
const tag = `t${process.pid}_${randomBytes(3).toString('hex')}`;

/** The SQLSTATE of a failed query (42501 is insufficient_privilege). */
async function sqlState(work: Promise<unknown>): Promise<string> {
  try {
    await work;
    return 'ok';
  } catch (error) {
    for (let e = error as { code?: unknown; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
      if (typeof e.code === 'string') return e.code;
    }
    throw error;
  }
}

suite(`migration 0007 and ensureLoginRole [postgres]${reason ? ` (${reason})` : ''}`, () => {
  let db: Awaited<ReturnType<typeof openTestDatabase>>;
  const users: string[] = [];
  const clients: SqlClient[] = [];

  /** Creates a login user in `group` and connects as it (the test server trusts local users). */
  async function loginAs(group: GroupRole): Promise<SqlClient> {
    const username = `tubelens_${tag}_${group.replace('tubelens_', '')}`;
    users.push(username);
    await ensureLoginRole(db.client, { username, password: randomBytes(24).toString('hex'), group });
    const url = new URL(db.url);
    url.username = username;
    const client = openPgClient({ connectionString: url.toString(), max: 1 });
    clients.push(client);
    return client;
  }

  beforeAll(async () => {
    db = await openTestDatabase('postgres');
    await db.client.query(
      "INSERT INTO channels (channel_id, title) VALUES ('UC_roles_test', 'Roles'), ('UC_roles_two', 'Two')",
    );
  }, 60_000);

  afterAll(async () => {
    for (const client of clients) await client.close();
    // Roles outlive the database (they are cluster-wide): drop them while a connection is open.
    for (const user of new Set(users)) await db?.client.query(`DROP ROLE IF EXISTS "${user}"`);
    await db?.close();
  });

  it('lets the explorer login read every table and write none, nor create anything', async () => {
    const explorer = await loginAs('tubelens_read');
    expect((await explorer.query('SELECT count(*)::int AS n FROM channels')).rows).toEqual([{ n: 2 }]);
    expect(await sqlState(explorer.query('SELECT count(*) FROM refresh_runs'))).toBe('ok');
    expect(await sqlState(explorer.query("UPDATE channels SET title = 'x'"))).toBe('42501');
    expect(
      await sqlState(
        explorer.query("INSERT INTO job_locks (name, holder, expires_at) VALUES ('a', 'b', now())"),
      ),
    ).toBe('42501');
    expect(await sqlState(explorer.query('CREATE TABLE mine (id int)'))).toBe('42501');
  });

  it('lets the ingest login write the catalogue, its own tables and its lease, but not refresh bookkeeping', async () => {
    const ingest = await loginAs('tubelens_ingest');
    expect(
      await sqlState(
        ingest.query("UPDATE channels SET title = 'Renamed' WHERE channel_id = 'UC_roles_test'"),
      ),
    ).toBe('ok');
    expect(
      await sqlState(ingest.query("INSERT INTO tracked_channels (channel_id) VALUES ('UC_roles_test')")),
    ).toBe('ok');
    // An identity column needs no grant on its sequence.
    expect(
      await sqlState(
        ingest.query('INSERT INTO ingest_runs (started_at, quota_day) VALUES (now(), current_date)'),
      ),
    ).toBe('ok');
    expect(
      await sqlState(
        ingest.query("INSERT INTO job_locks (name, holder, expires_at) VALUES ('ingest', 'me', now())"),
      ),
    ).toBe('ok');
    expect(await sqlState(ingest.query('INSERT INTO refresh_runs DEFAULT VALUES'))).toBe('42501');
    expect(await sqlState(ingest.query('DELETE FROM schema_migrations'))).toBe('42501');
    expect(await sqlState(ingest.query('DROP TABLE videos'))).toBe('42501');
  });

  it('lets the ingest login keep the rollups current through the snapshot triggers and rebuild them, the refresh login only read them', async () => {
    const ingest = await loginAs('tubelens_ingest');
    await ingest.query(
      "INSERT INTO videos (video_id, channel_id, title, published_at) VALUES ('roles_v1', 'UC_roles_two', 'V', now())",
    );
    await ingest.query(
      "INSERT INTO video_daily_stats (video_id, day, views) VALUES ('roles_v1', '2026-01-01', 5), ('roles_v1', '2026-01-02', 12)",
    );
    await ingest.query("UPDATE videos SET channel_id = 'UC_roles_test' WHERE video_id = 'roles_v1'");
    expect(
      (
        await ingest.query(
          'SELECT channel_id, day::text AS day, views_delta::int AS delta FROM channel_view_days ORDER BY day',
        )
      ).rows,
    ).toEqual([
      { channel_id: 'UC_roles_test', day: '2026-01-01', delta: 5 },
      { channel_id: 'UC_roles_test', day: '2026-01-02', delta: 7 },
    ]);
    expect(await sqlState(ingest.query("DELETE FROM videos WHERE video_id = 'roles_v1'"))).toBe('ok');
    expect((await ingest.query('SELECT count(*)::int AS n FROM channel_view_days')).rows).toEqual([{ n: 0 }]);
    expect(await sqlState(ingest.query('DELETE FROM channel_view_days'))).toBe('42501');
    const refresh = await loginAs('tubelens_refresh');
    expect(await sqlState(refresh.query('SELECT count(*) FROM channel_view_days'))).toBe('ok');
    expect(await sqlState(refresh.query('SELECT rebuild_rollups()'))).toBe('42501');
    expect(await sqlState(ingest.query('SELECT rebuild_rollups()'))).toBe('ok');
    // The writers' lock: the ingest takes it; a read-only login could only stall the writers.
    expect(await sqlState(refresh.query('SELECT rollups_lock()'))).toBe('42501');
    expect(await sqlState(ingest.query('SELECT rollups_lock()'))).toBe('ok');
  });

  it('lets the refresh login write only refresh_runs and job_locks', async () => {
    const refresh = await loginAs('tubelens_refresh');
    expect(await sqlState(refresh.query('INSERT INTO refresh_runs DEFAULT VALUES'))).toBe('ok');
    expect(await sqlState(refresh.query("UPDATE refresh_runs SET status = 'failed'"))).toBe('ok');
    expect(
      await sqlState(
        refresh.query("INSERT INTO job_locks (name, holder, expires_at) VALUES ('refresh', 'me', now())"),
      ),
    ).toBe('ok');
    expect(await sqlState(refresh.query('SELECT count(*) FROM video_daily_stats'))).toBe('ok');
    expect(await sqlState(refresh.query("UPDATE channels SET title = 'x'"))).toBe('42501');
    expect(
      await sqlState(refresh.query("INSERT INTO tracked_channels (channel_id) VALUES ('UC_roles_two')")),
    ).toBe('42501');
  });

  it('makes tables that later migrations add readable by every group', async () => {
    await db.client.query('CREATE TABLE later_rollup (id int)');
    const explorer = await loginAs('tubelens_read');
    expect(await sqlState(explorer.query('SELECT * FROM later_rollup'))).toBe('ok');
    expect(await sqlState(explorer.query('INSERT INTO later_rollup VALUES (1)'))).toBe('42501');
  });

  it('stores the password as the SCRAM verifier PostgreSQL computes itself, and replaces it on a second run', async () => {
    const username = `tubelens_${tag}_scram`;
    users.push(username);
    await db.client.query(`CREATE ROLE "${username}" LOGIN`);
    await db.client.query("SET password_encryption = 'scram-sha-256'");
    await db.client.query(`ALTER ROLE "${username}" PASSWORD 'correct horse battery staple'`);
    const stored = async () =>
      String(
        (
          await db.client.query<{ p: string }>('SELECT rolpassword AS p FROM pg_authid WHERE rolname = $1', [
            username,
          ])
        ).rows[0]?.p,
      );
    const byPostgres = await stored();
    const salt = Buffer.from(byPostgres.split('$')[1]?.split(':')[1] ?? '', 'base64');
    expect(scramVerifier('correct horse battery staple', salt)).toBe(byPostgres);

    await ensureLoginRole(db.client, {
      username,
      password: 'a-new-password-from-secrets',
      group: 'tubelens_read',
    });
    const ours = await stored();
    expect(ours).not.toBe(byPostgres);
    const newSalt = Buffer.from(ours.split('$')[1]?.split(':')[1] ?? '', 'base64');
    expect(ours).toBe(scramVerifier('a-new-password-from-secrets', newSalt));
    const member = await db.client.query(
      "SELECT pg_has_role($1, 'tubelens_read', 'MEMBER') AS m, rolsuper, rolcreaterole FROM pg_roles WHERE rolname = $1",
      [username],
    );
    expect(member.rows).toEqual([{ m: true, rolsuper: false, rolcreaterole: false }]);
  });

  it('refuses a user name that would need quoting and a short password', async () => {
    await expect(
      ensureLoginRole(db.client, {
        username: 'x"; DROP ROLE y; --',
        password: 'p'.repeat(20),
        group: 'tubelens_read',
      }),
    ).rejects.toThrow('is not a plain PostgreSQL name');
    await expect(
      ensureLoginRole(db.client, { username: 'tubelens_short', password: 'short', group: 'tubelens_read' }),
    ).rejects.toThrow('shorter than 16');
  });

  it('migrates many databases on one server at once, racing to create the same new roles', async () => {
    // The real migration text with role names no database has yet, so CREATE ROLE really races.
    const fresh = `tubelens_${tag}_race`;
    // Later migrations grant on these roles too (0009), so every migration gets the new names.
    const renamed = migrations.map((m) => ({ ...m, sql: m.sql.replaceAll('tubelens_', `${fresh}_`) }));
    const created = await Promise.all(Array.from({ length: 4 }, () => createServerDatabase(inject('pgUrl'))));
    try {
      const results = await Promise.all(
        created.map(async (c) => {
          const client = openPgClient({ connectionString: c.url, max: 1 });
          try {
            return (await migrate(client, renamed)).current;
          } finally {
            await client.close();
          }
        }),
      );
      expect(results).toEqual(Array(4).fill(migrations.at(-1)!.version));
      const roles = await db.client.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM pg_roles WHERE rolname LIKE $1',
        [`${fresh}_%`],
      );
      expect(roles.rows).toEqual([{ n: 3 }]);
    } finally {
      for (const c of created) await c.drop();
      for (const group of ['read', 'ingest', 'refresh']) {
        await db.client.query(`DROP ROLE IF EXISTS "${fresh}_${group}"`);
      }
    }
  }, 120_000);
});
