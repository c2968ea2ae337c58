import { channelResource, playlistItemResource, videoResource } from './buildResources.ts';
import { emptyFakeYouTubeData, type FakeYouTubeData } from './FakeYouTubeData.ts';

/** A channel id of the real shape: 'UC' and 22 base64url characters. */
export function syntheticChannelId(n: number): string {
  return `UC${`synth${n}`.padEnd(22, '_')}`;
}

/** An 11-character video id. */
export function syntheticVideoId(channel: number, video: number): string {
  return `v${channel.toString(36).padStart(4, '0')}_${video.toString(36).padStart(5, '0')}`;
}

/**
 * `channels` channels with `videosPerChannel` uploads each, one a day back from `until`, with
 * deterministic counts, a mix of durations (Shorts included) and some hidden likes and comments.
 */
export function syntheticChannels(options: {
  channels: number;
  videosPerChannel: number;
  until?: Date;
  into?: FakeYouTubeData;
}): FakeYouTubeData {
  const data = options.into ?? emptyFakeYouTubeData();
  for (const [id, title] of [
    ['22', 'People & Blogs'],
    ['28', 'Science & Technology'],
  ] as const) {
    data.categories.set(id, {
      kind: 'youtube#videoCategory',
      etag: `cat${id}`,
      id,
      snippet: { title, assignable: true, channelId: 'UCBR8-60-B28hp2BmDPdntcQ' },
    });
  }
  const until = (options.until ?? new Date('2026-11-20T12:00:00Z')).getTime();
  for (let c = 0; c < options.channels; c += 1) {
    const id = syntheticChannelId(c);
    const title = `Synthetic channel ${c}`;
    data.channels.set(
      id,
      channelResource({
        id,
        title,
        handle: `@synthetic${c}`,
        views: 1_000_000 * (c + 1),
        subscribers: 1000 * (c + 1),
        videoCount: options.videosPerChannel,
      }),
    );
    const uploads: Record<string, unknown>[] = [];
    for (let v = 0; v < options.videosPerChannel; v += 1) {
      const videoId = syntheticVideoId(c, v);
      const publishedAt = new Date(until - v * 86_400_000 - c * 60_000).toISOString();
      const videoTitle = `Video ${v} of channel ${c}`;
      data.videos.set(
        videoId,
        videoResource({
          id: videoId,
          channelId: id,
          channelTitle: title,
          title: videoTitle,
          description: `Description of video ${v}`,
          publishedAt,
          durationSeconds: v % 5 === 0 ? 45 + (v % 100) : 240 + ((v * 37) % 3000),
          categoryId: v % 3 === 0 ? '28' : '22',
          tags: [`tag${v % 7}`, `channel${c}`],
          views: 100 + v * 13 + c,
          ...(v % 11 === 0 ? {} : { likes: 10 + (v % 50) }),
          ...(v % 13 === 0 ? {} : { comments: v % 20 }),
        }),
      );
      uploads.push(
        playlistItemResource({
          playlistId: `UU${id.slice(2)}`,
          channelId: id,
          channelTitle: title,
          videoId,
          title: videoTitle,
          publishedAt,
          position: v,
        }),
      );
    }
    data.playlists.set(`UU${id.slice(2)}`, uploads);
  }
  return data;
}
