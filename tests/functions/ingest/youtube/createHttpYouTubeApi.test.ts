import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  QuotaExceededError,
  YouTubeApiError,
  YouTubeAuthError,
  YouTubeResponseError,
} from '../../../../functions/ingest/errors.ts';
import { createHttpYouTubeApi } from '../../../../functions/ingest/youtube/createHttpYouTubeApi.ts';
import type { YouTubeApi } from '../../../../functions/ingest/youtube/YouTubeApi.ts';
import {
  type FakeYouTubeApi,
  startFakeYouTubeApi,
} from '../../../../local/youtubeApi/startFakeYouTubeApi.ts';
import { syntheticChannelId, syntheticChannels } from '../../../../local/youtubeApi/syntheticChannels.ts';
import { API_KEY } from '../support/apiKey.ts';
import { fixture, fixtureWorld, GOOGLE, GOOGLE_DEVELOPERS } from '../support/fixtureWorld.ts';

describe('createHttpYouTubeApi against the fake YouTube Data API', () => {
  let server: FakeYouTubeApi;
  let api: YouTubeApi;
  let sleeps: number[];
  let urls: string[];

  beforeAll(async () => {
    const data = fixtureWorld();
    syntheticChannels({ channels: 1, videosPerChannel: 120, into: data });
    server = await startFakeYouTubeApi({ data, apiKey: API_KEY });
  });
  afterAll(async () => {
    await server?.close();
  });
  beforeEach(() => {
    sleeps = [];
    urls = [];
    server.resetQuota();
    server.quotaLimit = 10_000;
    api = createHttpYouTubeApi({
      apiKey: API_KEY,
      baseUrl: `${server.url}/`,
      sleep: async (ms) => {
        sleeps.push(ms);
      },
      random: () => 0.999,
      fetch: (input, init) => {
        urls.push(String(input));
        return fetch(input, init);
      },
    });
  });

  it('channels.list by ids and by @handle', async () => {
    const byIds = await api.listChannels({ ids: [GOOGLE, GOOGLE_DEVELOPERS, 'UCnonexistent0000000000'] });
    expect(byIds.items.map((c) => c.id)).toEqual([GOOGLE, GOOGLE_DEVELOPERS]);
    const byHandle = await api.listChannels({ forHandle: '@GoogleDevelopers' });
    expect(byHandle.items.map((c) => c.id)).toEqual([GOOGLE_DEVELOPERS]);
    const none = await api.listChannels({ forHandle: '@nobody-here' });
    expect(none.items).toEqual([]);
    expect(server.unitsUsed).toBe(3);
  });

  it('playlistItems.list pages through the recorded pages with the API token', async () => {
    const first = await api.listPlaylistItems({ playlistId: 'UU_x5XG1OV2P6uZZ5FSM9Ttw' });
    expect(first?.items).toHaveLength(10);
    expect(first?.nextPageToken).toBe('CAoQAA');
    const second = await api.listPlaylistItems({
      playlistId: 'UU_x5XG1OV2P6uZZ5FSM9Ttw',
      pageToken: 'CAoQAA',
    });
    expect(second?.items.map((i) => i.snippet.resourceId.videoId)).toEqual([
      '6aSG8SdvkoU',
      'ECGpZCFUL8s',
      'Fu2bldybpkA',
    ]);
    expect(second?.nextPageToken).toBeUndefined();
  });

  it('playlistItems.list pages 50 at a time through generated pages, and null for a missing playlist', async () => {
    const playlistId = `UU${syntheticChannelId(0).slice(2)}`;
    const ids: string[] = [];
    let pageToken: string | undefined;
    let pages = 0;
    do {
      const page = await api.listPlaylistItems({ playlistId, pageToken });
      ids.push(...(page?.items ?? []).map((i) => i.snippet.resourceId.videoId));
      pageToken = page?.nextPageToken;
      pages += 1;
    } while (pageToken);
    expect([pages, ids.length, new Set(ids).size]).toEqual([3, 120, 120]);
    expect(await api.listPlaylistItems({ playlistId: 'UUdoesnotexist' })).toBeNull();
  });

  it('videos.list returns the requested parts, leaves out unknown ids, and takes at most 50', async () => {
    const list = await api.listVideos(['goog0000001', 'deleted0000', 'goog0000002']);
    expect(list.items.map((v) => v.id)).toEqual(['goog0000001', 'goog0000002']);
    expect(list.items[0]?.statistics?.viewCount).toBe(5001);
    expect(() => api.listVideos(Array.from({ length: 51 }, (_, i) => `v${i}`))).toThrow(
      /between 1 and 50 ids/,
    );
    const param = server.requests.at(-1)?.params;
    expect(param?.part).toBe('snippet,contentDetails,statistics,status');
  });

  it('sends the key in a header, never in a URL', async () => {
    await api.listChannels({ ids: [GOOGLE] });
    expect(urls.join(' ')).not.toContain(API_KEY);
    expect(urls.join(' ')).not.toMatch(/[?&]key=/);
  });

  it('retries 5xx and dropped connections with capped exponential backoff, charging each attempt', async () => {
    const capped = createHttpYouTubeApi({
      apiKey: API_KEY,
      baseUrl: server.url,
      sleep: async (ms) => {
        sleeps.push(ms);
      },
      random: () => 0.999,
      maxDelayMs: 2000,
    });
    server.fail({ resource: 'videos', status: 500, times: 2 });
    server.fail({ resource: 'videos', status: 'network' });
    server.fail({ resource: 'videos', status: 503 });
    const list = await capped.listVideos(['goog0000001']);
    expect(list.items).toHaveLength(1);
    expect(sleeps).toEqual([999, 1998, 1998, 1998]);
    expect(server.unitsUsed).toBe(5);
  });

  it('gives up after the last attempt with the status in the message', async () => {
    server.fail({ resource: 'channels', status: 503, times: 5 });
    const error = await api.listChannels({ ids: [GOOGLE] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(YouTubeApiError);
    expect((error as Error).message).toMatch(
      /channels.list failed: HTTP 503 backendError.*gave up after 5 attempts/,
    );
    expect(sleeps).toHaveLength(4);
  });

  it('stops at quotaExceeded without retrying', async () => {
    server.quotaLimit = 1;
    await api.listChannels({ ids: [GOOGLE] });
    const error = await api.listChannels({ ids: [GOOGLE] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QuotaExceededError);
    expect((error as QuotaExceededError).reason).toBe('quotaExceeded');
    expect(sleeps).toEqual([]);
  });

  it('fails loudly on keyInvalid, on a missing key and on the real 403 body, with the reason and no key', async () => {
    const wrong = 'AIzaSyTHIS-IS-THE-WRONG-KEY-000000000000';
    const bad = createHttpYouTubeApi({ apiKey: wrong, baseUrl: server.url });
    const keyInvalid = await bad.listChannels({ ids: [GOOGLE] }).catch((e: unknown) => e);
    expect(keyInvalid).toBeInstanceOf(YouTubeAuthError);
    expect(keyInvalid).toMatchObject({ status: 400, reason: 'keyInvalid' });
    expect(`${(keyInvalid as Error).message} ${(keyInvalid as Error).stack}`).not.toContain(wrong);

    const missing = await fetch(`${server.url}/youtube/v3/channels?part=id&id=${GOOGLE}`);
    expect(missing.status).toBe(403);

    server.fail({ resource: 'channels', status: 403, body: fixture('error__403_permission_denied') });
    const denied = await api.listChannels({ ids: [GOOGLE] }).catch((e: unknown) => e);
    expect(denied).toBeInstanceOf(YouTubeAuthError);
    expect((denied as Error).message).toBe(
      'channels.list failed: HTTP 403 SERVICE_UNAVAILABLE: The caller does not have permission',
    );
  });

  it('refuses a success body that is not JSON or not the documented shape', async () => {
    const notJson = createHttpYouTubeApi({
      apiKey: API_KEY,
      baseUrl: server.url,
      fetch: async () => new Response('<html>oops</html>', { status: 200 }),
    });
    await expect(notJson.listVideos(['x'])).rejects.toThrow(YouTubeResponseError);
    const wrongKind = createHttpYouTubeApi({
      apiKey: API_KEY,
      baseUrl: server.url,
      fetch: async () => Response.json(fixture('channels.list__snippet_statistics__1item_2019')),
    });
    await expect(wrongKind.listVideos(['x'])).rejects.toThrow(/unexpected videos.list response: kind/);
  });
});

describe('createHttpYouTubeApi on a redirect', () => {
  /** A real server that records the headers it is sent and answers with `answer`. */
  async function recordingServer(answer: (req: http.IncomingMessage, res: http.ServerResponse) => void) {
    const seen: http.IncomingHttpHeaders[] = [];
    const server = http.createServer((req, res) => {
      seen.push(req.headers);
      answer(req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return { url, seen, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
  }
  const channels = fixture('channels.list__snippet_statistics__1item_2019');

  it('never sends the key to another origin, and fails instead of following', async () => {
    const elsewhere = await recordingServer((_req, res) => res.end(JSON.stringify(channels)));
    const api = await recordingServer((_req, res) => {
      res.writeHead(302, { location: `${elsewhere.url}/youtube/v3/channels?part=id` }).end();
    });
    try {
      const client = createHttpYouTubeApi({ apiKey: API_KEY, baseUrl: api.url, maxAttempts: 1 });
      const error = await client.listChannels({ ids: [GOOGLE] }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(YouTubeApiError);
      expect((error as Error).message).toMatch(/redirected to another origin/);
      expect((error as Error).message).not.toContain(API_KEY);
      expect(api.seen[0]!['x-goog-api-key']).toBe(API_KEY);
      expect(elsewhere.seen).toEqual([]);
    } finally {
      await Promise.all([api.close(), elsewhere.close()]);
    }
  });

  it('follows a redirect within the same origin with the key', async () => {
    const api = await recordingServer((req, res) => {
      if (req.url!.startsWith('/old/')) res.writeHead(301, { location: req.url!.replace('/old', '') }).end();
      else res.end(JSON.stringify(channels));
    });
    try {
      const client = createHttpYouTubeApi({ apiKey: API_KEY, baseUrl: `${api.url}/old`, maxAttempts: 1 });
      const answer = await client.listChannels({ ids: [GOOGLE] });
      expect(answer.items).toHaveLength(1);
      expect(api.seen.map((h) => h['x-goog-api-key'])).toEqual([API_KEY, API_KEY]);
    } finally {
      await api.close();
    }
  });
});
