import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelIndexReport, OverviewReport } from '../../../db/reports/contract/index.ts';
import { IngestBusyError, YouTubeAuthError } from '../../../functions/ingest/errors.ts';
import { runIngest } from '../../../functions/ingest/runIngest.ts';
import { trackChannel, trackChannels } from '../../../functions/ingest/trackChannel.ts';
import { createHttpYouTubeApi } from '../../../functions/ingest/youtube/createHttpYouTubeApi.ts';
import { directoryObjectStore } from '../../../functions/refresh/objectStore/directoryObjectStore.ts';
import { runLocalRefresh } from '../../../local/refresh/runLocalRefresh.ts';
import { playlistItemResource, videoResource } from '../../../local/youtubeApi/buildResources.ts';
import { describeEachBackend } from '../../support/backends.ts';
import { readPublication } from '../refresh/support/readPublication.ts';
import { fixtureWorld, GOOGLE, GOOGLE_DEVELOPERS, GOOGLE_UPLOADS } from './support/fixtureWorld.ts';
import {
  API_KEY,
  consistencyProblems,
  dumpDomain,
  type IngestHarness,
  openIngestHarness,
  resetDatabase,
} from './support/ingestHarness.ts';

const DAY1 = new Date('2026-11-20T12:00:00Z');
const DAY2 = new Date('2026-11-21T12:00:00Z');
// 13 real playlist items of Google Developers, one of them deleted before it was ever fetched.
const VIDEOS = GOOGLE_UPLOADS + 12;

describeEachBackend('runIngest', (db) => {
  let h: IngestHarness;
  let world: ReturnType<typeof fixtureWorld>;

  beforeAll(async () => {
    world = fixtureWorld();
    h = await openIngestHarness(db().client, world);
  });
  afterAll(async () => {
    await h?.close();
  });

  async function trackBoth(clock = () => DAY1) {
    await trackChannel({ sql: h.sql, youtube: h.youtube, clock }, '@google');
    await trackChannel({ sql: h.sql, youtube: h.youtube, clock }, GOOGLE_DEVELOPERS);
  }
  const count = async (sql: string, params: unknown[] = []) =>
    Number((await db().client.query<{ n: number }>(sql, params as never)).rows[0]?.n);

  describe('from an empty database', () => {
    beforeEach(async () => {
      await resetDatabase(db().client);
      h.youtubeServer.resetQuota();
      h.youtubeServer.quotaLimit = 10_000;
    });

    it('tracks two fixture channels end to end, and the next refresh publishes them', async () => {
      await trackBoth();
      const result = await runIngest({ sql: h.sql, youtube: h.youtube, clock: () => DAY1 });

      expect(result).toMatchObject({
        status: 'completed',
        stopReason: null,
        snapshotDay: '2026-11-20',
        quotaDay: '2026-11-20',
      });
      // 1 channels.list + 2 + 2 playlist pages (the recorded 10 + 3, then 50 + 10) + 2 videos.list
      // for 73 ids + 1 videoCategories.list: the minimum for this data.
      expect(result.unitsByMethod).toEqual({
        'channels.list': 1,
        'playlistItems.list': 4,
        'videos.list': 2,
        'videoCategories.list': 1,
      });
      expect(h.youtubeServer.unitsUsed).toBe(2 + result.unitsUsed);
      expect(result.quotaDayUnits).toBe(h.youtubeServer.unitsUsed);
      expect(
        h.youtubeServer.requests
          .filter((r) => r.resource === 'playlistItems')
          .map((r) => r.params.pageToken ?? null),
      ).toContain('CAoQAA');

      const channels = await db().client.query(
        'SELECT channel_id, title, handle, subscriber_count, video_count, uploads_playlist_id FROM channels ORDER BY channel_id',
      );
      expect(channels.rows).toEqual([
        {
          channel_id: GOOGLE,
          title: 'Google',
          handle: '@google',
          subscriber_count: 10_700_000n,
          video_count: 2678n,
          uploads_playlist_id: 'UUK8sQmJBp8GCxrOtXWBpyEA',
        },
        {
          channel_id: GOOGLE_DEVELOPERS,
          title: 'Google Developers',
          handle: '@googledevelopers',
          subscriber_count: 2_260_000n,
          video_count: 5652n,
          uploads_playlist_id: 'UU_x5XG1OV2P6uZZ5FSM9Ttw',
        },
      ]);
      expect(await count('SELECT count(*)::int AS n FROM videos')).toBe(VIDEOS);
      expect(await count(`SELECT count(*)::int AS n FROM video_daily_stats WHERE day = '2026-11-20'`)).toBe(
        VIDEOS,
      );
      expect(await count(`SELECT count(*)::int AS n FROM channel_daily_stats WHERE day = '2026-11-20'`)).toBe(
        2,
      );
      expect(await count('SELECT count(*)::int AS n FROM ingest_video_queue')).toBe(0);
      expect(
        await count('SELECT count(*)::int AS n FROM ingest_unavailable_videos WHERE video_id = $1', [
          world.deletedVideoId,
        ]),
      ).toBe(1);
      expect(await consistencyProblems(db().client)).toEqual([]);

      // The cases of the fixture world: hidden likes, comments off, a Short, P0D of an upcoming
      // stream, a day-long stream, and the category title from the real videoCategories fixture.
      const byId = async (id: string) =>
        (await db().client.query('SELECT * FROM videos WHERE video_id = $1', [id])).rows[0]!;
      expect(await byId('Yh4EKaUY3gg')).toMatchObject({
        duration_seconds: 45,
        likes: null,
        ratings_disabled: true,
        views: 1100n,
      });
      expect(await byId('S-MbpQiwfls')).toMatchObject({ duration_seconds: null });
      expect(await byId('BBjVl1EETb0')).toMatchObject({
        duration_seconds: 93_784,
        comments: null,
        comments_disabled: true,
      });
      expect(await byId('CvTApw9X8aA')).toMatchObject({
        tags: ['Google', 'ML Summit'],
        category_id: 28,
        removed: false,
      });
      expect(result.shorts).toBe(3);
      expect(
        (await db().client.query('SELECT title FROM categories WHERE category_id = 28')).rows[0]?.title,
      ).toBe('Science & Technology');

      // The next refresh (the real handler, through its own Data API endpoint) publishes both.
      const out = await mkdtemp(path.join(tmpdir(), 'tubelens-ingest-refresh-'));
      try {
        const refresh = await runLocalRefresh({ sql: db().client, out, kind: 'full' });
        expect(refresh).toMatchObject({ status: 'published', dataAsOf: '2026-11-20', channelsComputed: 2 });
        const pub = await readPublication(directoryObjectStore(out));
        const index = pub.reports.channelIndex as ChannelIndexReport;
        expect(index.channels.map((c) => [c.channelId, c.handle, c.videos, c.subscribers])).toEqual([
          [GOOGLE, '@google', GOOGLE_UPLOADS, 10_700_000],
          [GOOGLE_DEVELOPERS, '@googledevelopers', 12, 2_260_000],
        ]);
        expect((pub.reports.overview as OverviewReport).totals).toMatchObject({
          channels: 2,
          videos: VIDEOS,
        });
        expect((await pub.channel(GOOGLE_DEVELOPERS))?.channel.title).toBe('Google Developers');
      } finally {
        await rm(out, { recursive: true, force: true });
      }
    });

    it('tracks channels by id 50 to a call and by handle one a call, naming the unknown ones', async () => {
      const before = h.youtubeServer.unitsUsed;
      const unknownId = 'UCzzzzzzzzzzzzzzzzzzzzzz';
      const result = await trackChannels({ sql: h.sql, youtube: h.youtube, clock: () => DAY1 }, [
        GOOGLE,
        unknownId,
        '@googledevelopers',
        '@nobody-here',
        GOOGLE,
      ]);
      expect(h.youtubeServer.unitsUsed - before).toBe(3);
      expect(result.tracked.map((t) => [t.channelId, t.handle, t.added])).toEqual([
        [GOOGLE, '@google', true],
        [GOOGLE_DEVELOPERS, '@googledevelopers', true],
        [GOOGLE, '@google', false],
      ]);
      expect(result.missing).toEqual([unknownId, '@nobody-here']);
      expect(await count('SELECT count(*)::int AS n FROM tracked_channels')).toBe(2);
      expect(await count('SELECT units_used AS n FROM ingest_quota_usage')).toBe(3);
    });

    it('stops cleanly at quotaExceeded halfway, stays consistent, and the next day completes', async () => {
      await trackBoth();
      // Allow 4 of the run's 8 calls: channels, Google's first page of 50, their details, and the
      // category lookup; Google's second page is refused.
      h.youtubeServer.quotaLimit = h.youtubeServer.unitsUsed + 4;
      const stopped = await runIngest({ sql: h.sql, youtube: h.youtube, clock: () => DAY1 });

      expect(stopped).toMatchObject({ status: 'partial', stopReason: 'quota_exceeded' });
      expect(stopped.error).toMatch(/quotaExceeded/);
      expect(await consistencyProblems(db().client)).toEqual([]);
      // The first 50 videos are stored whole; the walk of Google's uploads kept its page token.
      expect(await count('SELECT count(*)::int AS n FROM videos')).toBe(50);
      expect(await count('SELECT count(*)::int AS n FROM ingest_video_queue')).toBe(0);
      expect(
        (
          await db().client.query(
            'SELECT uploads_complete, uploads_page_token FROM tracked_channels WHERE channel_id = $1',
            [GOOGLE],
          )
        ).rows[0],
      ).toMatchObject({ uploads_complete: false, uploads_page_token: expect.any(String) });
      const usage = (await db().client.query('SELECT units_used, exhausted_at FROM ingest_quota_usage'))
        .rows[0]!;
      expect(usage.exhausted_at).toBeInstanceOf(Date);

      // Later the same Pacific day: nothing is sent.
      const before = h.youtubeServer.requests.length;
      const again = await runIngest({
        sql: h.sql,
        youtube: h.youtube,
        clock: () => new Date(DAY1.getTime() + 3_600_000),
      });
      expect(again).toMatchObject({ status: 'partial', stopReason: 'quota_exceeded', unitsUsed: 0 });
      expect(h.youtubeServer.requests.length).toBe(before);

      // The next day the quota is back and the run finishes the job.
      h.youtubeServer.resetQuota();
      h.youtubeServer.quotaLimit = 10_000;
      const next = await runIngest({ sql: h.sql, youtube: h.youtube, clock: () => DAY2 });
      expect(next).toMatchObject({ status: 'completed', stopReason: null });
      expect(await count('SELECT count(*)::int AS n FROM videos')).toBe(VIDEOS);
      expect(await count('SELECT count(*)::int AS n FROM ingest_video_queue')).toBe(0);
      expect(await count(`SELECT count(*)::int AS n FROM video_daily_stats WHERE day = '2026-11-21'`)).toBe(
        VIDEOS,
      );
      expect(await count(`SELECT count(*)::int AS n FROM tracked_channels WHERE uploads_complete`)).toBe(2);
      expect(await consistencyProblems(db().client)).toEqual([]);
    });

    it('fails loudly on keyInvalid with the API reason, without the key, and records the run', async () => {
      await trackBoth();
      const wrongKey = 'AIzaSyWRONG-key-do-not-log-000000000000';
      const youtube = createHttpYouTubeApi({ apiKey: wrongKey, baseUrl: h.youtubeServer.url });
      const error = await runIngest({ sql: h.sql, youtube, clock: () => DAY1 }).catch((e: unknown) => e);

      expect(error).toBeInstanceOf(YouTubeAuthError);
      expect((error as YouTubeAuthError).reason).toBe('keyInvalid');
      expect(String((error as Error).message)).toMatch(/HTTP 400 keyInvalid/);
      const run = (
        await db().client.query('SELECT status, error FROM ingest_runs ORDER BY run_id DESC LIMIT 1')
      ).rows[0]!;
      expect(run.status).toBe('failed');
      expect(JSON.stringify(run) + String((error as Error).stack)).not.toContain(wrongKey);
      expect(JSON.stringify(run)).not.toContain(API_KEY);
      expect(await consistencyProblems(db().client)).toEqual([]);
    });
  });

  describe('after a first day', () => {
    beforeAll(async () => {
      await resetDatabase(db().client);
      h.youtubeServer.resetQuota();
      h.youtubeServer.quotaLimit = 10_000;
      await trackBoth();
      await runIngest({ sql: h.sql, youtube: h.youtube, clock: () => DAY1 });
    });

    it('changes nothing on a rerun the same day with the same answers, and duplicates no snapshot', async () => {
      const before = await dumpDomain(db().client);
      const rerun = await runIngest({
        sql: h.sql,
        youtube: h.youtube,
        clock: () => new Date(DAY1.getTime() + 60_000),
      });
      expect(rerun.status).toBe('completed');
      // channels + the top page of each playlist (a known video there stops the scan); videos
      // already fetched today are not fetched again.
      expect(rerun.unitsByMethod).toEqual({ 'channels.list': 1, 'playlistItems.list': 2 });
      expect(await dumpDomain(db().client)).toEqual(before);

      // With refreshAgain every video is fetched once more: same answers, same rows.
      const again = await runIngest(
        { sql: h.sql, youtube: h.youtube, clock: () => new Date(DAY1.getTime() + 90_000) },
        { refreshAgain: true },
      );
      expect(again.unitsByMethod).toEqual({ 'channels.list': 1, 'playlistItems.list': 2, 'videos.list': 2 });
      expect(await dumpDomain(db().client)).toEqual(before);
    });

    it("updates that day's snapshots in place when counts moved during the day", async () => {
      const id = 'goog0000003';
      const video = world.videos.get(id)!;
      (video.statistics as Record<string, string>).viewCount = '999999';
      (world.channels.get(GOOGLE)!.statistics as Record<string, string>).subscriberCount = '10800000';
      // A plain rerun updates the channel's snapshot; --again also the videos'.
      await runIngest({ sql: h.sql, youtube: h.youtube, clock: () => new Date(DAY1.getTime() + 100_000) });
      expect(
        (
          await db().client.query('SELECT day, subscribers FROM channel_daily_stats WHERE channel_id = $1', [
            GOOGLE,
          ])
        ).rows,
      ).toEqual([{ day: '2026-11-20', subscribers: 10_800_000n }]);
      await runIngest(
        { sql: h.sql, youtube: h.youtube, clock: () => new Date(DAY1.getTime() + 120_000) },
        { refreshAgain: true },
      );
      const rows = await db().client.query('SELECT day, views FROM video_daily_stats WHERE video_id = $1', [
        id,
      ]);
      expect(rows.rows).toEqual([{ day: '2026-11-20', views: 999_999n }]);
    });

    it('finds new uploads above the known ones, marks deleted videos removed, and snapshots the new day', async () => {
      const uploads = `UU${GOOGLE.slice(2)}`;
      const publishedAt = '2026-11-21T08:00:00Z';
      world.videos.set(
        'googNEW0001',
        videoResource({
          id: 'googNEW0001',
          channelId: GOOGLE,
          title: 'Brand new',
          publishedAt,
          durationSeconds: 30,
          views: 10,
          likes: 1,
          comments: 0,
        }),
      );
      world.playlists.get(uploads)!.unshift(
        playlistItemResource({
          playlistId: uploads,
          channelId: GOOGLE,
          videoId: 'googNEW0001',
          title: 'Brand new',
          publishedAt,
          position: 0,
        }),
      );
      world.videos.delete('goog0000010');
      const pagesBefore = h.youtubeServer.requests.filter((r) => r.resource === 'playlistItems').length;

      const result = await runIngest({ sql: h.sql, youtube: h.youtube, clock: () => DAY2 });

      expect(result).toMatchObject({ status: 'completed', videosDiscovered: 1, videosRemoved: 1 });
      // One page per channel: each top page holds known videos, so paging stops there.
      const pages = h.youtubeServer.requests.filter((r) => r.resource === 'playlistItems').slice(pagesBefore);
      expect(pages.map((r) => r.params.pageToken ?? null)).toEqual([null, null]);
      const fresh = (
        await db().client.query('SELECT title, duration_seconds, stats_day FROM videos WHERE video_id = $1', [
          'googNEW0001',
        ])
      ).rows[0];
      expect(fresh).toEqual({ title: 'Brand new', duration_seconds: 30, stats_day: '2026-11-21' });
      expect(
        (await db().client.query('SELECT removed FROM videos WHERE video_id = $1', ['goog0000010'])).rows[0],
      ).toEqual({ removed: true });
      expect(await count(`SELECT count(*)::int AS n FROM video_daily_stats WHERE day = '2026-11-21'`)).toBe(
        VIDEOS,
      );
      expect(await count(`SELECT count(*)::int AS n FROM channel_daily_stats`)).toBe(4);
      expect(await consistencyProblems(db().client)).toEqual([]);
    });

    it('spends a small budget on new uploads before refreshing older videos', async () => {
      const uploads = `UU${GOOGLE.slice(2)}`;
      const publishedAt = '2026-11-22T08:00:00Z';
      world.videos.set(
        'googNEW0002',
        videoResource({
          id: 'googNEW0002',
          channelId: GOOGLE,
          title: 'Newer',
          publishedAt,
          durationSeconds: 300,
          views: 5,
          likes: 1,
          comments: 0,
        }),
      );
      world.playlists.get(uploads)!.unshift(
        playlistItemResource({
          playlistId: uploads,
          channelId: GOOGLE,
          videoId: 'googNEW0002',
          title: 'Newer',
          publishedAt,
          position: 0,
        }),
      );
      const day3 = new Date('2026-11-22T12:00:00Z');

      // channels (1) + top pages (2) + one videos.list: the new upload rides with 49 others.
      const result = await runIngest({ sql: h.sql, youtube: h.youtube, clock: () => day3 }, { budget: 4 });

      expect(result).toMatchObject({ status: 'partial', stopReason: 'budget_exhausted', unitsUsed: 4 });
      expect(result.plan.tiers.map((t) => [t.tier, t.granted])).toEqual([
        ['channels', 1],
        ['newUploads', 3],
        ['recent', 0],
        ['backfill', 0],
        ['longTail', 0],
        ['again', 0],
      ]);
      expect(
        (await db().client.query('SELECT stats_day FROM videos WHERE video_id = $1', ['googNEW0002']))
          .rows[0],
      ).toEqual({ stats_day: '2026-11-22' });
      expect(await count(`SELECT count(*)::int AS n FROM videos WHERE stats_day = '2026-11-22'`)).toBe(50);
      expect(await consistencyProblems(db().client)).toEqual([]);
    });

    it('stops cleanly, before any call, when the Lambda is about to time out', async () => {
      const result = await runIngest({
        sql: h.sql,
        youtube: h.youtube,
        clock: () => new Date('2026-11-22T18:00:00Z'),
        timeLeftMs: () => 10_000,
      });
      expect(result).toMatchObject({ status: 'partial', stopReason: 'time_limit', unitsUsed: 0 });
      expect(await consistencyProblems(db().client)).toEqual([]);
    });

    it('refuses to run while another ingest holds the lease', async () => {
      await db().client.query(
        `INSERT INTO job_locks (name, holder, expires_at) VALUES ('ingest', 'someone else', now() + interval '1 hour')`,
      );
      try {
        await expect(runIngest({ sql: h.sql, youtube: h.youtube, clock: () => new Date() })).rejects.toThrow(
          IngestBusyError,
        );
      } finally {
        await db().client.query(`DELETE FROM job_locks WHERE name = 'ingest'`);
      }
    });

    it('retries 5xx answers and dropped connections with capped backoff', async () => {
      h.youtubeServer.fail({ resource: 'channels', status: 'network' });
      h.youtubeServer.fail({ resource: 'videos', status: 503, times: 2 });
      h.sleeps.length = 0;
      const day4 = new Date('2026-11-23T12:00:00Z');
      const result = await runIngest({ sql: h.sql, youtube: h.youtube, clock: () => day4 });

      expect(result.status).toBe('completed');
      // random() = 0.5: half of 1 s, then half of 1 s and 2 s for the two 503s.
      expect(h.sleeps).toEqual([500, 500, 1000]);
      // The API charges failed attempts too, and the meter counted them.
      expect(result.unitsByMethod['videos.list']).toBe(2 + 2);
      // Two new uploads since the first day, one video deleted.
      expect(await count(`SELECT count(*)::int AS n FROM video_daily_stats WHERE day = '2026-11-23'`)).toBe(
        VIDEOS + 1,
      );
      expect(await consistencyProblems(db().client)).toEqual([]);
    });
  });
});
