import { beforeAll, expect, it } from 'vitest';
import {
  categoriesReport,
  channelIndexReport,
  durationsReport,
  engagementReport,
  monthlyReport,
  overviewReport,
  publishHeatmapReport,
  topVideosReport,
} from '../../../db/reports/contract/index.ts';
import {
  DURATIONS_UNKNOWN_MESSAGE,
  queryCategories,
  queryChannelIndex,
  queryDataAsOf,
  queryDurations,
  queryEngagement,
  queryMonthly,
  queryOverview,
  queryPublishHeatmap,
  queryTopVideos,
} from '../../../db/reports/index.ts';
import { describeEachBackend } from '../../support/backends.ts';
import { insertReportFixture } from './reportFixture.ts';

const AS_OF = '2018-02-12';

describeEachBackend('report queries', (db) => {
  beforeAll(async () => {
    await insertReportFixture(db().client);
  });

  it('queryDataAsOf returns the newest snapshot day', async () => {
    expect(await queryDataAsOf(db().client)).toBe(AS_OF);
  });

  it('queryDataAsOf counts channel snapshots too (a tracker import may run ahead of the videos)', async () => {
    const { client } = db();
    const before = await client.query<{ day: string | null }>(
      `SELECT max(day)::text AS day FROM channel_daily_stats WHERE channel_id = 'UCa'`,
    );
    expect(before.rows[0]!.day === null || before.rows[0]!.day <= AS_OF).toBe(true);
    await client.query(
      `INSERT INTO channel_daily_stats (channel_id, day, subscribers, views, videos) VALUES ('UCa', '2018-03-01', 1000, 5000, 4)`,
    );
    try {
      expect(await queryDataAsOf(client)).toBe('2018-03-01');
    } finally {
      await client.query(`DELETE FROM channel_daily_stats WHERE channel_id = 'UCa' AND day = '2018-03-01'`);
    }
    expect(await queryDataAsOf(client)).toBe(AS_OF);
  });

  it('queryOverview sums latest views per video and per channel', async () => {
    const report = overviewReport.parse(await queryOverview(db().client, AS_OF));
    expect(report).toEqual({
      dataAsOf: AS_OF,
      // views 100+200+3000+50+1000+40; likes 10+20+30+100+2 (a4 unknown); comments 1+4+0+2+10+0
      totals: { channels: 3, videos: 6, views: 4390, likes: 162, comments: 17 },
      topChannels: [
        { channelId: 'UCa', title: 'Alpha', views: 3350, videos: 4 },
        { channelId: 'UCb', title: 'Beta <img src=x onerror=alert(1)>', views: 1040, videos: 2 },
        { channelId: 'UCc', title: 'Gamma', views: 0, videos: 0 },
      ],
    });
  });

  it('queryTopVideos lists videos by latest views, descending', async () => {
    const report = topVideosReport.parse(await queryTopVideos(db().client, AS_OF));
    expect(report.videos.map((v) => [v.videoId, v.views])).toEqual([
      ['a3', 3000],
      ['b1', 1000],
      ['a2', 200],
      ['a1', 100],
      ['a4', 50],
      ['b2', 40],
    ]);
    expect(report.videos[0]).toEqual({
      videoId: 'a3',
      title: 'Alpha three',
      channelId: 'UCa',
      channelTitle: 'Alpha',
      publishedAt: '2017-12-01T22:00:00.000Z',
      views: 3000,
      likes: 30,
      comments: 0,
      categoryId: 24,
    });
    expect(report.videos[4]).toMatchObject({ videoId: 'a4', likes: 0, categoryId: null });
  });

  it('queryMonthly fills months without uploads with zeros', async () => {
    const report = monthlyReport.parse(await queryMonthly(db().client, AS_OF));
    expect(report.months).toEqual([
      { month: '2017-11', uploads: 4, views: 1340 },
      { month: '2017-12', uploads: 1, views: 3000 },
      { month: '2018-01', uploads: 0, views: 0 },
      { month: '2018-02', uploads: 1, views: 50 },
    ]);
  });

  it('queryCategories groups views by category with an Unknown row', async () => {
    const report = categoriesReport.parse(await queryCategories(db().client, AS_OF));
    expect(report.categories).toEqual([
      { categoryId: 24, title: 'Entertainment', videos: 3, views: 4040, medianViews: 1000 },
      { categoryId: 10, title: 'Music', videos: 2, views: 300, medianViews: 150 },
      { categoryId: null, title: 'Unknown category', videos: 1, views: 50, medianViews: 50 },
    ]);
  });

  it('queryPublishHeatmap returns all 168 weekday x hour cells in UTC', async () => {
    const report = publishHeatmapReport.parse(await queryPublishHeatmap(db().client, AS_OF));
    expect(report.cells).toHaveLength(168);
    expect(report.cells[0]).toEqual({ weekday: 1, hour: 0, uploads: 0, views: 0, medianViews: 0 });
    expect(report.cells.filter((c) => c.uploads > 0)).toEqual([
      // Monday 2017-11-13 10:00 (a1, 100) and 10:15 (b1, 1000): median 550
      { weekday: 1, hour: 10, uploads: 2, views: 1100, medianViews: 550 },
      { weekday: 1, hour: 15, uploads: 1, views: 40, medianViews: 40 },
      { weekday: 2, hour: 10, uploads: 1, views: 200, medianViews: 200 },
      { weekday: 5, hour: 22, uploads: 1, views: 3000, medianViews: 3000 },
      { weekday: 6, hour: 5, uploads: 1, views: 50, medianViews: 50 },
    ]);
  });

  it('queryDurations says plainly that durations are not known', async () => {
    const report = durationsReport.parse(await queryDurations(db().client, AS_OF));
    expect(report).toEqual({
      dataAsOf: AS_OF,
      state: 'unknown',
      videos: 6,
      videosWithDuration: 0,
      message: DURATIONS_UNKNOWN_MESSAGE,
    });
  });

  it('queryDurations buckets known durations against median views', async () => {
    const { client } = db();
    await client.query(
      `UPDATE videos SET duration_seconds = CASE video_id WHEN 'a1' THEN 30 WHEN 'a2' THEN 300
                                                        WHEN 'a3' THEN 700 WHEN 'b1' THEN 3600 END
       WHERE video_id IN ('a1', 'a2', 'a3', 'b1')`,
    );
    try {
      const report = durationsReport.parse(await queryDurations(client, AS_OF));
      expect(report).toEqual({
        dataAsOf: AS_OF,
        state: 'known',
        videos: 6,
        videosWithDuration: 4,
        buckets: [
          { minSeconds: 0, maxSeconds: 60, videos: 1, medianViews: 100 },
          { minSeconds: 60, maxSeconds: 240, videos: 0, medianViews: 0 },
          { minSeconds: 240, maxSeconds: 600, videos: 1, medianViews: 200 },
          { minSeconds: 600, maxSeconds: 1200, videos: 1, medianViews: 3000 },
          { minSeconds: 1200, maxSeconds: 3600, videos: 0, medianViews: 0 },
          { minSeconds: 3600, maxSeconds: null, videos: 1, medianViews: 1000 },
        ],
      });
    } finally {
      await client.query('UPDATE videos SET duration_seconds = NULL');
    }
  });

  it('queryEngagement leaves out small, disabled and unknown videos', async () => {
    const report = engagementReport.parse(await queryEngagement(db().client, AS_OF));
    // likes per 1000 over a1 (100), a2 (100), a3 (10), b1 (100); a4 has ratings off, b2 < 100 views
    expect(report.likesPer1000).toEqual({
      videos: 4,
      overall: 37.209, // 160 * 1000 / 4300
      quantiles: { p10: 37, p25: 77.5, p50: 100, p75: 100, p90: 100 },
      histogram: expect.any(Array),
    });
    expect(report.likesPer1000.histogram.filter((b) => b.videos > 0)).toEqual([
      { from: 10, to: 20, videos: 1 },
      { from: 100, to: null, videos: 3 },
    ]);
    expect(report.likesPer1000.histogram).toHaveLength(10);
    // comments per 1000 over a1 (10), a2 (20), b1 (10); a3 has comments off
    expect(report.commentsPer1000).toMatchObject({
      videos: 3,
      overall: 11.538, // 15 * 1000 / 1300
      quantiles: { p10: 10, p25: 10, p50: 10, p75: 15, p90: 18 },
    });
    expect(report.commentsPer1000.histogram.filter((b) => b.videos > 0)).toEqual([
      { from: 10, to: 15, videos: 2 },
      { from: 20, to: null, videos: 1 },
    ]);
  });

  it('queryChannelIndex reads every channel with its metrics, whatever the page size', async () => {
    const rows = await queryChannelIndex(db().client, 2);
    // 3 channels: pages of 2, 1 and 3 (one short page ends the read) give the same rows.
    expect(await queryChannelIndex(db().client, 1)).toEqual(rows);
    expect(await queryChannelIndex(db().client, 3)).toEqual(rows);
    const entries = rows.map((r) => r.entry);
    channelIndexReport.parse({ dataAsOf: AS_OF, channels: entries });
    expect(entries).toEqual([
      {
        channelId: 'UCa',
        title: 'Alpha',
        handle: '@alpha',
        subscribers: 1000,
        videos: 4,
        views: 3350,
        likes: 60,
        comments: 7,
        medianViews: 150, // (100 + 200) / 2
        likesPer1000: 18.182, // 60 * 1000 / 3300 (a4 has ratings off)
        commentsPer1000: 20, // 7 * 1000 / 350 (a3 has comments off)
        firstUpload: '2017-11-13T10:00:00.000Z',
        lastUpload: '2018-02-10T05:00:00.000Z',
        dataAsOf: '2018-02-12',
      },
      {
        channelId: 'UCb',
        title: 'Beta <img src=x onerror=alert(1)>',
        handle: null,
        subscribers: null,
        videos: 2,
        views: 1040,
        likes: 102,
        comments: 10,
        medianViews: 520,
        likesPer1000: 98.077,
        commentsPer1000: 9.615,
        firstUpload: '2017-11-13T10:15:00.000Z',
        lastUpload: '2017-11-20T15:00:00.000Z',
        dataAsOf: '2017-11-21',
      },
      {
        channelId: 'UCc',
        title: 'Gamma',
        handle: null,
        subscribers: null,
        videos: 0,
        views: 0,
        likes: 0,
        comments: 0,
        medianViews: 0,
        likesPer1000: null,
        commentsPer1000: null,
        firstUpload: null,
        lastUpload: null,
        dataAsOf: null,
      },
    ]);
  });

  it('queryChannelIndex counts the points of each channel’s views-over-time series', async () => {
    const { rows: counted } = await db().client.query<{ channel_id: string; days: number }>(
      'SELECT channel_id, count(*)::int AS days FROM channel_view_days GROUP BY channel_id',
    );
    const want = new Map(counted.map((r) => [r.channel_id, r.days]));
    const rows = await queryChannelIndex(db().client);
    expect(rows.some((r) => (r.seriesDays ?? 0) > 1)).toBe(true);
    for (const r of rows) expect(r.seriesDays, r.entry.channelId).toBe(want.get(r.entry.channelId) ?? 0);
  });

  it('queryChannelIndex changes a channel’s fingerprint only when its data changes', async () => {
    const { client } = db();
    const before = new Map<string, string>();
    for (const r of await queryChannelIndex(client)) before.set(r.entry.channelId, r.fingerprint);
    await client.query(`UPDATE videos SET views = views + 1 WHERE video_id = 'b2'`);
    try {
      const after = new Map<string, string>();
      for (const r of await queryChannelIndex(client)) after.set(r.entry.channelId, r.fingerprint);
      expect(after.get('UCa')).toBe(before.get('UCa'));
      expect(after.get('UCc')).toBe(before.get('UCc'));
      expect(after.get('UCb')).not.toBe(before.get('UCb'));
    } finally {
      await client.query(`UPDATE videos SET views = views - 1 WHERE video_id = 'b2'`);
    }
  });

  it('queryChannelIndex changes a channel’s fingerprint when a video’s title changes', async () => {
    const { client } = db();
    const fingerprints = async () =>
      new Map((await queryChannelIndex(client)).map((r) => [r.entry.channelId, r.fingerprint]));
    const before = await fingerprints();
    await client.query(`UPDATE videos SET title = title || '!' WHERE video_id = 'b2'`);
    try {
      const after = await fingerprints();
      expect(after.get('UCb')).not.toBe(before.get('UCb'));
      expect(after.get('UCa')).toBe(before.get('UCa'));
    } finally {
      await client.query(`UPDATE videos SET title = left(title, -1) WHERE video_id = 'b2'`);
    }
    expect(await fingerprints()).toEqual(before);
  });

  it('queryChannelIndex changes a channel’s fingerprint when an older video snapshot is corrected', async () => {
    const { client } = db();
    const fingerprints = async () => {
      const all = new Map<string, string>();
      for (const r of await queryChannelIndex(client)) all.set(r.entry.channelId, r.fingerprint);
      return all;
    };
    const before = await fingerprints();
    // a1's first snapshot, not its latest: videos.views stays as it was.
    await client.query(
      `UPDATE video_daily_stats SET views = 61 WHERE video_id = 'a1' AND day = '2017-11-14'`,
    );
    try {
      const after = await fingerprints();
      expect(after.get('UCa')).not.toBe(before.get('UCa'));
      expect(after.get('UCb')).toBe(before.get('UCb'));
    } finally {
      await client.query(
        `UPDATE video_daily_stats SET views = 60 WHERE video_id = 'a1' AND day = '2017-11-14'`,
      );
    }
    expect(await fingerprints()).toEqual(before);
  });
});
