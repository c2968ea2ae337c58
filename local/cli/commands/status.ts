import { databaseSummary, formatSummary } from '../../../db/queries/databaseSummary.ts';
import { type Command, DATA_DIR_HELP, dataDirOption } from '../Command.ts';
import { withDatabase } from '../openDatabase.ts';

export const statusCommand: Command = {
  name: 'status',
  summary: 'print what is in the database',
  usage: '[--data-dir DIR]',
  help: `Prints the number of channels, videos and snapshot days, and the date range covered.

Options:
${DATA_DIR_HELP}`,
  options: { ...dataDirOption },
  async run(input) {
    await withDatabase(input, async (db) => {
      input.stdout.write(`${formatSummary(await databaseSummary(db))}\n`);
    });
    return 0;
  },
};
