import { openDataApiClient } from '../../../db/dataApi/openDataApiClient.ts';
import { ChannelNotFoundError } from '../../../functions/ingest/errors.ts';
import {
  isChannelRef,
  noSuchChannels,
  notAChannelRef,
  trackChannels,
} from '../../../functions/ingest/trackChannel.ts';
import {
  createHttpYouTubeApi,
  DEFAULT_YOUTUBE_API_BASE_URL,
} from '../../../functions/ingest/youtube/createHttpYouTubeApi.ts';
import { dataApiClientOptions } from '../../../functions/shared/dataApiClientOptions.ts';
import { dataApiEnv } from '../../dataApi/dataApiEnv.ts';
import { startDataApiServer } from '../../dataApi/startDataApiServer.ts';
import { type Command, DATA_DIR_HELP, dataDirOption, UsageError } from '../Command.ts';
import { withDatabase } from '../openDatabase.ts';
import { requireApiKey } from './ingest.ts';

export const trackCommand: Command = {
  name: 'track',
  summary: 'start tracking YouTube channels by id or @handle (for tubelens ingest)',
  usage: '<channel id or @handle>... [--data-dir DIR]',
  help: `Looks the channels up with channels.list (1 quota unit per 50 ids, and 1 per @handle,
which forHandle resolves one at a time) and adds them to the tracked channels in the database.
Channels that YouTube does not know are named in an error; the others are still added. The next "tubelens ingest"
fetches its statistics and uploads. Tracking a channel again changes nothing.

Options:
${DATA_DIR_HELP}

Environment:
  YOUTUBE_API_KEY        required: an API key for the YouTube Data API v3
  YOUTUBE_API_BASE_URL   default ${DEFAULT_YOUTUBE_API_BASE_URL}

Example:
  YOUTUBE_API_KEY=... npx tubelens track @GoogleDevelopers UCK8sQmJBp8GCxrOtXWBpyEA`,
  options: { ...dataDirOption },
  allowPositionals: true,
  async run(input) {
    if (input.positionals.length === 0) throw new UsageError('give at least one channel id or @handle');
    const bad = input.positionals.find((p) => !isChannelRef(p));
    if (bad !== undefined) throw new UsageError(notAChannelRef(bad));
    const apiKey = requireApiKey(input.env);
    const youtube = createHttpYouTubeApi({
      apiKey,
      baseUrl: input.env.YOUTUBE_API_BASE_URL || DEFAULT_YOUTUBE_API_BASE_URL,
    });
    await withDatabase(input, async (db) => {
      // Through the local Data API endpoint, as the Lambda functions reach Aurora.
      const server = await startDataApiServer({ sql: db });
      const sql = openDataApiClient(dataApiClientOptions(dataApiEnv(server)));
      try {
        const { tracked, missing } = await trackChannels({ sql, youtube }, input.positionals, {
          dailyQuota: Number(input.env.YOUTUBE_DAILY_QUOTA) || 10_000,
        });
        for (const t of tracked) {
          input.stdout.write(
            `${t.added ? 'tracking' : 'already tracking'} ${t.title} (${t.channelId}${t.handle ? `, ${t.handle}` : ''})\n`,
          );
        }
        if (missing.length) throw new ChannelNotFoundError(noSuchChannels(missing));
      } finally {
        await sql.close();
        await server.close();
      }
    });
    return 0;
  },
};
