import { databaseSummary, formatSummary } from '../../../db/queries/databaseSummary.ts';
import { type Command, DATA_DIR_HELP, dataDirOption } from '../Command.ts';
import { withDatabase } from '../openDatabase.ts';

/** The URL without its password, for printing. */
function redactedUrl(text: string): string {
  try {
    const url = new URL(text);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return 'DATABASE_URL';
  }
}

export const statusCommand: Command = {
  name: 'status',
  summary: 'print what is in the database',
  usage: '[--data-dir DIR]',
  help: `Prints where the database is (the embedded PostgreSQL's data dir and port, or the server in
DATABASE_URL), then the number of channels, videos and snapshot days, and the date range covered.

Options:
${DATA_DIR_HELP}`,
  options: { ...dataDirOption },
  async run(input) {
    await withDatabase(input, async (db) => {
      const where = db.embedded
        ? `embedded PostgreSQL in ${db.embedded.layout.root}, 127.0.0.1:${db.embedded.port}`
        : `PostgreSQL server at ${redactedUrl(input.env.DATABASE_URL ?? '')}`;
      input.stdout.write(`database        ${where}\n${formatSummary(await databaseSummary(db))}\n`);
    });
    return 0;
  },
};
