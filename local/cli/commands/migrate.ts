import { migrate } from '../../../db/migrate.ts';
import { type Command, DATA_DIR_HELP, dataDirOption } from '../Command.ts';
import { withDatabase } from '../openDatabase.ts';

export const migrateCommand: Command = {
  name: 'migrate',
  summary: 'apply pending schema migrations',
  usage: '[--data-dir DIR]',
  help: `Applies every pending migration in order, each in its own transaction.
A migration that fails is rolled back and leaves the database as it was; running it again
after a success changes nothing.

Options:
${DATA_DIR_HELP}`,
  options: { ...dataDirOption },
  async run(input) {
    await withDatabase(
      input,
      async (db) => {
        const result = await migrate(db, undefined, (m) =>
          input.stdout.write(`applied ${String(m.version).padStart(4, '0')} ${m.name}\n`),
        );
        input.stdout.write(
          result.applied.length
            ? `schema is at version ${result.current}\n`
            : `schema is up to date (version ${result.current})\n`,
        );
      },
      { migrateFirst: false },
    );
    return 0;
  },
};
