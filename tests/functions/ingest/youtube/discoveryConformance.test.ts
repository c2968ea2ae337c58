import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  channelResource,
  listResponse,
  playlistItemResource,
  videoResource,
} from '../../../../local/youtubeApi/buildResources.ts';
import { syntheticChannels } from '../../../../local/youtubeApi/syntheticChannels.ts';
import { fixture } from '../support/fixtureWorld.ts';

interface Schema {
  type?: string;
  format?: string;
  $ref?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  additionalProperties?: Schema;
}

const discovery = JSON.parse(
  readFileSync(
    new URL('../../../fixtures/youtube-api/discovery/youtube-v3.schemas.json', import.meta.url),
    'utf8',
  ),
) as { schemas: Record<string, Schema> };

/** Where `value` strays from the discovery schema: unknown fields, wrong JSON types. */
function mismatches(value: unknown, schema: Schema, path: string): string[] {
  const s = schema.$ref ? discovery.schemas[schema.$ref] : schema;
  if (!s) return [`${path}: no schema ${schema.$ref}`];
  switch (s.type) {
    case 'string':
      // uint64/int64 counts travel as strings, as do dates.
      return typeof value === 'string' ? [] : [`${path}: expected a string, got ${JSON.stringify(value)}`];
    case 'integer':
    case 'number':
      return typeof value === 'number' ? [] : [`${path}: expected a number`];
    case 'boolean':
      return typeof value === 'boolean' ? [] : [`${path}: expected a boolean`];
    case 'array':
      return Array.isArray(value)
        ? value.flatMap((v, i) => mismatches(v, s.items ?? {}, `${path}[${i}]`))
        : [`${path}: expected an array`];
    case 'object': {
      if (typeof value !== 'object' || value === null || Array.isArray(value))
        return [`${path}: expected an object`];
      return Object.entries(value).flatMap(([k, v]) => {
        const property = s.properties?.[k] ?? s.additionalProperties;
        return property ? mismatches(v, property, `${path}.${k}`) : [`${path}.${k}: not in the schema`];
      });
    }
    default:
      return [];
  }
}

describe('resources built from the discovery document', () => {
  it('checks against the discovery schema and catches a stray field (the check can fail)', () => {
    const video = videoResource({
      id: 'x',
      channelId: 'UC1',
      title: 't',
      publishedAt: '2026-01-01T00:00:00Z',
      durationSeconds: 61,
      views: 1,
    });
    expect(mismatches({ ...video, bogus: 1 }, { $ref: 'Video' }, 'video')).toEqual([
      'video.bogus: not in the schema',
    ]);
    (video.statistics as Record<string, unknown>).viewCount = 1;
    expect(mismatches(video, { $ref: 'Video' }, 'video')).toEqual([
      'video.statistics.viewCount: expected a string, got 1',
    ]);
  });

  it('uses only fields and types the discovery document defines', () => {
    const data = syntheticChannels({ channels: 2, videosPerChannel: 60 });
    const responses: [string, unknown][] = [
      ['ChannelListResponse', listResponse('youtube#channelListResponse', [...data.channels.values()])],
      ['VideoListResponse', listResponse('youtube#videoListResponse', [...data.videos.values()])],
      [
        'PlaylistItemListResponse',
        listResponse('youtube#playlistItemListResponse', [...data.playlists.values()][0]!, {
          nextPageToken: 'abc',
        }),
      ],
      [
        'VideoListResponse',
        listResponse('youtube#videoListResponse', [
          videoResource({
            id: 'l',
            channelId: 'UC1',
            title: 'live',
            publishedAt: '2026-01-01T00:00:00Z',
            durationSeconds: 0,
            views: 3,
            liveBroadcastContent: 'live',
          }),
        ]),
      ],
      [
        'Channel',
        channelResource({
          id: 'UC1',
          title: 't',
          views: 1,
          subscribers: 1,
          videoCount: 1,
          hiddenSubscriberCount: true,
        }),
      ],
      [
        'PlaylistItem',
        playlistItemResource({
          playlistId: 'UU1',
          channelId: 'UC1',
          videoId: 'v',
          title: 't',
          publishedAt: '2026-01-01T00:00:00Z',
          position: 0,
        }),
      ],
    ];
    for (const [schema, value] of responses) expect(mismatches(value, { $ref: schema }, schema)).toEqual([]);
  });

  it('agrees with the real recorded responses the fake server serves', () => {
    for (const [name, schema] of [
      ['channels.list__snippet_contentDetails_statistics_brandingSettings__2items', 'ChannelListResponse'],
      ['playlistItems.list__snippet__page1_nextPageToken', 'PlaylistItemListResponse'],
      ['videos.list__snippet_contentDetails_status_statistics__1item', 'VideoListResponse'],
      ['videoCategories.list__regionCode', 'VideoCategoryListResponse'],
    ] as const) {
      expect(mismatches(fixture(name), { $ref: schema }, name)).toEqual([]);
    }
  });
});
