import { untrackChannel } from '../../../db/ingest/trackedChannels.ts';
import { isChannelRef, notAChannelRef } from '../../../functions/ingest/trackChannel.ts';
import { type Command, DATA_DIR_HELP, dataDirOption, UsageError } from '../Command.ts';
import { withDatabase } from '../openDatabase.ts';

export const untrackCommand: Command = {
  name: 'untrack',
  summary: 'stop tracking YouTube channels (their data stays)',
  usage: '<channel id or @handle>... [--data-dir DIR]',
  help: `Stops "tubelens ingest" from fetching these channels. Nothing is deleted: the channels,
their videos and their daily history stay in the database and in the reports, and "tubelens track"
resumes them later where their uploads walk left off. Makes no API calls, so it needs no key.
A channel that is not tracked is named in an error; the others are still untracked.

Options:
${DATA_DIR_HELP}

Example:
  npx tubelens untrack @GoogleDevelopers UCK8sQmJBp8GCxrOtXWBpyEA`,
  options: { ...dataDirOption },
  allowPositionals: true,
  async run(input) {
    if (input.positionals.length === 0) throw new UsageError('give at least one channel id or @handle');
    const refs = input.positionals.map((p) => p.trim());
    const bad = refs.find((p) => !isChannelRef(p));
    if (bad !== undefined) throw new UsageError(notAChannelRef(bad));
    const missing: string[] = [];
    await withDatabase(input, async (db) => {
      for (const ref of refs) {
        const done = await untrackChannel(db, ref);
        if (!done) {
          missing.push(ref);
          continue;
        }
        input.stdout.write(
          `stopped tracking ${done.title} (${done.channelId}${done.handle ? `, ${done.handle}` : ''}); its data stays\n`,
        );
      }
    });
    if (missing.length) throw new Error(`not tracked: ${missing.join(', ')}`);
    return 0;
  },
};
