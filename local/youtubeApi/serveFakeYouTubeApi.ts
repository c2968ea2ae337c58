// Serves synthetic channels on a local fake YouTube Data API, to try `tubelens track` and
// `tubelens ingest` without a Google key or network:
//
//   node local/youtubeApi/serveFakeYouTubeApi.ts --channels 3 --videos 120 --port 4599
//   export YOUTUBE_API_BASE_URL=http://127.0.0.1:4599 YOUTUBE_API_KEY=fake-local-key
//   npx tubelens track @synthetic0 @synthetic1 && npx tubelens ingest
//
// Runs until Ctrl-C. Channels are @synthetic0, @synthetic1, ... with one upload a day each.
import { parseArgs } from 'node:util';
import { startFakeYouTubeApi } from './startFakeYouTubeApi.ts';
import { syntheticChannels } from './syntheticChannels.ts';

const { values } = parseArgs({
  options: {
    channels: { type: 'string', default: '3' },
    videos: { type: 'string', default: '120' },
    port: { type: 'string', default: '4599' },
    key: { type: 'string', default: 'fake-local-key' },
    quota: { type: 'string', default: '10000' },
  },
});
const number = (name: string, text: string) => {
  if (!/^\d+$/.test(text)) throw new Error(`--${name} must be a whole number, got ${text}`);
  return Number(text);
};
const data = syntheticChannels({
  channels: number('channels', values.channels),
  videosPerChannel: number('videos', values.videos),
  until: new Date(),
});
const server = await startFakeYouTubeApi({
  data,
  apiKey: values.key,
  port: number('port', values.port),
  quotaLimit: number('quota', values.quota),
});
console.log(`fake YouTube Data API on ${server.url} (loopback only), ${data.channels.size} channels, ${data.videos.size} videos

  export YOUTUBE_API_BASE_URL=${server.url} YOUTUBE_API_KEY=${values.key}
  npx tubelens track @synthetic0
  npx tubelens ingest

Press Ctrl-C to stop.`);
process.once('SIGINT', () => {
  console.log(`\n${server.unitsUsed} units served`);
  void server.close();
});
