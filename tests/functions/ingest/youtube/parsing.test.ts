import { describe, expect, it } from 'vitest';
import { YouTubeResponseError } from '../../../../functions/ingest/errors.ts';
import { isShort } from '../../../../functions/ingest/youtube/isShort.ts';
import { parseDuration } from '../../../../functions/ingest/youtube/parseDuration.ts';
import {
  channelListSchema,
  count,
  parseResponse,
  playlistItemListSchema,
  videoCategoryListSchema,
  videoListSchema,
} from '../../../../functions/ingest/youtube/schemas.ts';
import { toChannelRecord, toVideoRecord } from '../../../../functions/ingest/youtube/toRecords.ts';
import { isoDuration, videoResource } from '../../../../local/youtubeApi/buildResources.ts';
import { fixture } from '../support/fixtureWorld.ts';

describe('parseDuration', () => {
  it.each([
    ['PT21M7S', 1267],
    ['PT1H10S', 3610],
    ['PT1H50M', 6600],
    ['PT45S', 45],
    ['P1DT2H3M4S', 93_784],
    ['P2D', 172_800],
    ['P1W', 604_800],
    ['P0D', 0],
    ['PT0S', 0],
    ['PT1.6S', 2],
  ])('parses %s as %i seconds', (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds);
  });

  it.each(['', 'P', 'PT', 'P1DT', 'P1Y', 'P1M', 'PT-1S', '21:07', 'pt1m', 'PT1S2M'])('rejects %j', (text) => {
    expect(parseDuration(text)).toBeNull();
  });

  it('reads back every duration the fake server writes', () => {
    for (const s of [0, 1, 59, 60, 61, 3599, 3600, 86_399, 86_400, 90_061])
      expect(parseDuration(isoDuration(s))).toBe(s);
  });
});

describe('count', () => {
  it('parses uint64 strings within 2^53 - 1', () => {
    expect(count.parse('7920')).toBe(7920);
    expect(count.parse('9007199254740991')).toBe(Number.MAX_SAFE_INTEGER);
  });

  it.each(['18446744073709551615', '9007199254740992', '-1', '1.5', '', ' 1', 7920])(
    'refuses %j',
    (value) => {
      expect(count.safeParse(value).success).toBe(false);
    },
  );
});

describe('isShort', () => {
  it('counts 1 to 180 seconds as a Short, and nothing unknown or longer', () => {
    expect([isShort(1), isShort(60), isShort(180), isShort(181), isShort(0), isShort(null)]).toEqual([
      true,
      true,
      true,
      false,
      false,
      null,
    ]);
  });
});

describe('the schemas on real responses', () => {
  it('reads both channels of channels.list with their statistics and uploads playlist', () => {
    const list = parseResponse(
      channelListSchema,
      fixture('channels.list__snippet_contentDetails_statistics_brandingSettings__2items'),
      'channels.list',
    );
    expect(list.items.map(toChannelRecord)).toEqual([
      {
        channelId: 'UCK8sQmJBp8GCxrOtXWBpyEA',
        title: 'Google',
        handle: '@google',
        uploadsPlaylistId: 'UUK8sQmJBp8GCxrOtXWBpyEA',
        publishedAt: new Date('2005-09-18T22:37:10Z'),
        subscribers: 10_700_000,
        views: 3_331_930_783,
        videoCount: 2678,
      },
      {
        channelId: 'UC_x5XG1OV2P6uZZ5FSM9Ttw',
        title: 'Google Developers',
        handle: '@googledevelopers',
        uploadsPlaylistId: 'UU_x5XG1OV2P6uZZ5FSM9Ttw',
        publishedAt: new Date('2007-08-23T00:34:43Z'),
        subscribers: 2_260_000,
        views: 208_790_084,
        videoCount: 5652,
      },
    ]);
  });

  it('reads the 2019 channel response with a bare custom URL and no contentDetails', () => {
    const [channel] = parseResponse(
      channelListSchema,
      fixture('channels.list__snippet_statistics__1item_2019'),
      'channels.list',
    ).items.map(toChannelRecord);
    expect(channel).toMatchObject({
      handle: '@googledevelopers',
      uploadsPlaylistId: null,
      subscribers: 1_927_873,
    });
  });

  it('reads the full videos.list item: duration, string counts, dislikes, tags and category', () => {
    const [video] = parseResponse(
      videoListSchema,
      fixture('videos.list__snippet_contentDetails_status_statistics__1item'),
      'videos.list',
    ).items.map(toVideoRecord);
    expect(video).toMatchObject({
      videoId: 'D-lhorsDlUQ',
      channelId: 'UC_x5XG1OV2P6uZZ5FSM9Ttw',
      durationSeconds: 1267,
      categoryId: 28,
      views: 7920,
      likes: 190,
      dislikes: 23,
      comments: 32,
      commentsDisabled: false,
      ratingsDisabled: false,
      publishedAt: new Date('2019-03-21T20:37:49Z'),
    });
    expect(video?.tags).toHaveLength(20);
  });

  it('reads videos.list answers without contentDetails or statistics as unknown, not zero', () => {
    for (const name of ['videos.list__snippet_player__2items', 'videos.list__chart_mostPopular__page1']) {
      const videos = parseResponse(videoListSchema, fixture(name), 'videos.list').items.map(toVideoRecord);
      expect(videos.length).toBeGreaterThan(0);
      for (const v of videos) expect(v).toMatchObject({ durationSeconds: null, views: null, likes: null });
    }
  });

  it('reads playlist pages with their page token, and categories', () => {
    const page = parseResponse(
      playlistItemListSchema,
      fixture('playlistItems.list__snippet__page1_nextPageToken'),
      'playlistItems.list',
    );
    expect(page.nextPageToken).toBe('CAoQAA');
    expect(page.items[0]?.snippet.resourceId.videoId).toBe('CvTApw9X8aA');
    const categories = parseResponse(
      videoCategoryListSchema,
      fixture('videoCategories.list__regionCode'),
      'videoCategories.list',
    );
    expect(categories.items).toHaveLength(32);
  });

  it('maps hidden likes and comments to null, and a live P0D to an unknown duration', () => {
    const base = { channelId: 'UC1', title: 't', publishedAt: '2026-01-01T00:00:00Z', views: 5 };
    const parse = (v: Record<string, unknown>) =>
      toVideoRecord(
        parseResponse(videoListSchema, { kind: 'youtube#videoListResponse', items: [v] }, 'videos.list')
          .items[0]!,
      );
    expect(parse(videoResource({ ...base, id: 'a', durationSeconds: 30 }))).toMatchObject({
      likes: null,
      comments: null,
      ratingsDisabled: true,
      commentsDisabled: true,
      durationSeconds: 30,
    });
    expect(
      parse(videoResource({ ...base, id: 'b', durationSeconds: 0, liveBroadcastContent: 'live' })),
    ).toMatchObject({
      durationSeconds: null,
    });
    expect(parse(videoResource({ ...base, id: 'c', durationSeconds: 0 }))).toMatchObject({
      durationSeconds: 0,
    });
  });

  it('refuses a response of the wrong shape with the field named, rather than a wrong number', () => {
    const video = videoResource({
      id: 'x',
      channelId: 'UC1',
      title: 't',
      publishedAt: '2026-01-01T00:00:00Z',
      durationSeconds: 5,
      views: 1,
    });
    (video.statistics as Record<string, unknown>).viewCount = 12;
    const bad = { kind: 'youtube#videoListResponse', items: [video] };
    expect(() => parseResponse(videoListSchema, bad, 'videos.list')).toThrow(YouTubeResponseError);
    expect(() => parseResponse(videoListSchema, bad, 'videos.list')).toThrow(
      /unexpected videos.list response: items\.0\.statistics\.viewCount/,
    );
    (video.statistics as Record<string, unknown>).viewCount = '1';
    (video.contentDetails as Record<string, unknown>).duration = '1:05';
    expect(() => parseResponse(videoListSchema, bad, 'videos.list')).toThrow(
      /not an ISO 8601 duration: 1:05/,
    );
    expect(() => parseResponse(videoListSchema, fixture('error__400_keyInvalid'), 'videos.list')).toThrow(
      /kind/,
    );
  });
});
