import { migrate } from '../../db/migrate.ts';
import { openSqlClient } from '../../db/sql/openSqlClient.ts';
import type { SqlClient } from '../../db/sql/SqlClient.ts';
import type { CommandInput } from './Command.ts';

/** Opens the database a command was pointed at (DATABASE_URL or --data-dir) and migrates it. */
export async function openDatabase(
  input: Pick<CommandInput, 'values' | 'env'>,
  { migrateFirst = true } = {},
): Promise<SqlClient> {
  const client = await openSqlClient({
    databaseUrl: input.env.DATABASE_URL || undefined,
    dataDir: typeof input.values['data-dir'] === 'string' ? input.values['data-dir'] : undefined,
  });
  if (migrateFirst) await migrate(client);
  return client;
}

/** Runs `fn` with an open database and always closes it. */
export async function withDatabase<T>(
  input: Pick<CommandInput, 'values' | 'env'>,
  fn: (db: SqlClient) => Promise<T>,
  options?: { migrateFirst?: boolean },
): Promise<T> {
  const db = await openDatabase(input, options);
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}
