import { MigrationError } from './errors.ts';
import { migrations as allMigrations, type Migration } from './migrations/index.ts';
import type { SqlClient } from './sql/SqlClient.ts';
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
 * Applies every pending migration, each in its own transaction, statement by statement (so the
 * same runner works through the Data API, which takes one statement per call). A migration that
 * fails rolls back entirely and stops the run; the ones before it stay applied.
 * Running it again is a no-op. Two runners at once are safe: the ledger insert conflicts.
 */
export async function migrate(
  client: SqlClient,
  migrations: readonly Migration[] = allMigrations,
  onApplied: (m: Migration) => void = () => {},
): Promise<MigrateResult> {
  await client.query(LEDGER);
  const done = await client.query<{ version: number; checksum: string }>(
    'SELECT version, checksum FROM schema_migrations ORDER BY version',
  );
  const byVersion = new Map(done.rows.map((r) => [r.version, r.checksum]));
  const applied: { version: number; name: string }[] = [];
  for (const m of migrations) {
    const known = byVersion.get(m.version);
    if (known !== undefined) {
      if (known !== checksumOf(m.sql)) {
        throw new MigrationError(
          `migration ${m.version} (${m.name}) was changed after it was applied; add a new migration instead`,
          m.version,
        );
      }
      continue;
    }
    try {
      await client.transaction(async (tx) => {
        // Claim the version first: a concurrent runner blocks here, then fails on the key.
        await tx.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
          m.version,
          m.name,
          checksumOf(m.sql),
        ]);
        for (const statement of splitStatements(m.sql)) await tx.query(statement);
      });
    } catch (cause) {
      const reason = cause instanceof Error ? cause.message : String(cause);
      throw new MigrationError(
        `migration ${m.version} (${m.name}) failed and was rolled back: ${reason}`,
        m.version,
        {
          cause,
        },
      );
    }
    applied.push({ version: m.version, name: m.name });
    onApplied(m);
  }
  const last = migrations.at(-1)?.version ?? 0;
  return { applied, current: Math.max(last, ...byVersion.keys()) };
}
