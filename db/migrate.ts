import { MigrationError } from './errors.ts';
import { migrations as allMigrations, type Migration } from './migrations/index.ts';
import type { SqlClient, SqlExecutor } from './sql/SqlClient.ts';
import { splitStatements } from './sql/scanSql.ts';

export interface MigrateResult {
  readonly applied: { version: number; name: string }[];
  readonly current: number;
}

const LEDGER = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version integer PRIMARY KEY,
  name text NOT NULL,
  checksum text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
)`;

/** A stable checksum so that an edited, already-applied migration is caught. */
export function checksumOf(sql: string): string {
  let h1 = 0x811c9dc5;
  for (let i = 0; i < sql.length; i += 1) {
    h1 ^= sql.charCodeAt(i);
    h1 = Math.imul(h1, 0x01000193) >>> 0;
  }
  return h1.toString(16).padStart(8, '0');
}

/**
 * Serialises migration runners on one database: each migration's transaction takes this advisory
 * lock first (pg_advisory_xact_lock, released at COMMIT or ROLLBACK), then looks again whether the
 * migration is still pending. A second runner (two tubelens processes starting at once, or the
 * migrate Lambda retried) waits, then finds the work done and skips it.
 */
export const MIGRATE_LOCK_KEY = 0x6d69_6772; // "migr"

/**
 * Applies every pending migration, each in its own transaction, statement by statement (so the
 * same runner works through the Data API, which takes one statement per call). A migration that
 * fails rolls back entirely and stops the run; the ones before it stay applied.
 * Running it again is a no-op; runners at once wait for each other (MIGRATE_LOCK_KEY).
 */
export async function migrate(
  client: SqlClient,
  migrations: readonly Migration[] = allMigrations,
  onApplied: (m: Migration) => void = () => {},
): Promise<MigrateResult> {
  const lock = (tx: SqlExecutor) => tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATE_LOCK_KEY]);
  await client.transaction(async (tx) => {
    await lock(tx);
    await tx.query(LEDGER);
  });
  const done = await client.query<{ version: number; checksum: string }>(
    'SELECT version, checksum FROM schema_migrations ORDER BY version',
  );
  const byVersion = new Map(done.rows.map((r) => [r.version, r.checksum]));
  const applied: { version: number; name: string }[] = [];
  const checkUnchanged = (m: Migration, known: string) => {
    if (known !== checksumOf(m.sql)) {
      throw new MigrationError(
        `migration ${m.version} (${m.name}) was changed after it was applied; add a new migration instead`,
        m.version,
      );
    }
  };
  for (const m of migrations) {
    const known = byVersion.get(m.version);
    if (known !== undefined) {
      checkUnchanged(m, known);
      continue;
    }
    let ran = false;
    try {
      await client.transaction(async (tx) => {
        await lock(tx);
        // Another runner may have applied it while this one waited for the lock.
        const now = await tx.query<{ checksum: string }>(
          'SELECT checksum FROM schema_migrations WHERE version = $1',
          [m.version],
        );
        if (now.rows[0]) {
          checkUnchanged(m, now.rows[0].checksum);
          ran = false;
          return;
        }
        await tx.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
          m.version,
          m.name,
          checksumOf(m.sql),
        ]);
        for (const statement of splitStatements(m.sql)) await tx.query(statement);
        ran = true;
      });
    } catch (cause) {
      if (cause instanceof MigrationError) throw cause;
      const reason = cause instanceof Error ? cause.message : String(cause);
      throw new MigrationError(
        `migration ${m.version} (${m.name}) failed and was rolled back: ${reason}`,
        m.version,
        {
          cause,
        },
      );
    }
    if (!ran) continue;
    applied.push({ version: m.version, name: m.name });
    onApplied(m);
  }
  const last = migrations.at(-1)?.version ?? 0;
  return { applied, current: Math.max(last, ...byVersion.keys()) };
}
