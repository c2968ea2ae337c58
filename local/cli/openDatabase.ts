import { migrate } from '../../db/migrate.ts';
import { openSqlClient } from '../../db/sql/openSqlClient.ts';
import type { SqlClient } from '../../db/sql/SqlClient.ts';
import { attachEmbeddedPostgres, type EmbeddedPostgres } from '../postgres/attachEmbeddedPostgres.ts';
import { convertPgliteData } from '../postgres/pglite/convertPgliteData.ts';
import type { CommandInput } from './Command.ts';

/** An open database and, on the embedded default, this process's hold on its server. */
export type OpenedDatabase = SqlClient & { pool: import('pg').Pool; readonly embedded?: EmbeddedPostgres };

/**
 * Opens the database a command was pointed at: the server in DATABASE_URL, or the embedded
 * PostgreSQL of the data dir (started if no tubelens process runs it yet, and stopped by `close`
 * when this was the last process using it). Migrates it unless told not to.
 */
export async function openDatabase(
  input: Pick<CommandInput, 'values' | 'env' | 'stderr' | 'command'>,
  {
    migrateFirst = true,
    announceRelease = false,
  }: {
    migrateFirst?: boolean;
    /** Say on stderr, at close, whether the embedded server was stopped or left to other processes. */
    announceRelease?: boolean;
  } = {},
): Promise<OpenedDatabase> {
  const command = `tubelens ${input.command ?? 'command'}`;
  if (input.env.DATABASE_URL) {
    const client = openSqlClient({ databaseUrl: input.env.DATABASE_URL, applicationName: command });
    if (migrateFirst)
      await migrate(client).catch(async (error) => {
        await client.close();
        throw error;
      });
    return client;
  }
  const embedded = await attachEmbeddedPostgres({
    dataDir: typeof input.values['data-dir'] === 'string' ? input.values['data-dir'] : undefined,
    command,
    log: (line) => input.stderr.write(`${line}\n`),
    convertPglite: convertPgliteData,
  });
  const client = openSqlClient({ databaseUrl: embedded.url, applicationName: command });
  const opened: OpenedDatabase = {
    ...client,
    embedded,
    async close() {
      await client.close();
      const outcome = await embedded.release();
      if (announceRelease) input.stderr.write(`${outcome}\n`);
    },
  };
  if (migrateFirst) {
    await migrate(opened).catch(async (error) => {
      await opened.close();
      throw error;
    });
  }
  return opened;
}

/**
 * Runs `fn` with an open database and always closes it. Ctrl-C (or SIGTERM) while it runs stops
 * the command: its open transaction rolls back when the connection goes, and the embedded server
 * is left as `close` would leave it (stopped if no other tubelens process uses it).
 */
export async function withDatabase<T>(
  input: Pick<CommandInput, 'values' | 'env' | 'stderr' | 'command'>,
  fn: (db: OpenedDatabase) => Promise<T>,
  options?: { migrateFirst?: boolean },
): Promise<T> {
  const db = await openDatabase(input, options);
  const onSignal = (signal: NodeJS.Signals) => {
    input.stderr.write(`\n${signal}: stopping; what this command had not committed is rolled back\n`);
    const exit = () => process.exit(signal === 'SIGINT' ? 130 : 143);
    // A second Ctrl-C leaves at once.
    process.once('SIGINT', exit);
    void (db.embedded?.release() ?? Promise.resolve()).catch(() => {}).finally(exit);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    return await fn(db);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await db.close();
  }
}
