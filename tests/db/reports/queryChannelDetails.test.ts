import { beforeAll, expect, it } from 'vitest';
import { queryChannelDetails } from '../../../db/reports/index.ts';
import { describeEachBackend } from '../../support/backends.ts';
import { insertReportFixture } from './reportFixture.ts';

describeEachBackend('queryChannelDetails', (db) => {
  beforeAll(async () => {
    await insertReportFixture(db().client);
  });

  it('computes views over time, per-video rates, cadence and breakouts for a page of channels', async () => {
    const details = await queryChannelDetails(db().client, ['UCa', 'UCb', 'UCc']);
    const alpha = details.get('UCa')!;
    // a1 60 -> 100 on 11-14/11-15, a2 200 on 11-15, a3 1000 -> 3000 on 12-02/12-03, a4 50 on 02-12:
    // each day's value carries every video's latest snapshot forward.
    expect(alpha.viewsOverTime).toEqual([
      { day: '2017-11-14', views: 60 },
      { day: '2017-11-15', views: 300 },
      { day: '2017-12-02', views: 1300 },
      { day: '2017-12-03', views: 3350 - 50 },
      { day: '2018-02-12', views: 3350 },
    ]);
    // Median of 50, 100, 200, 3000 is 150; a3 is 20x the median, a breakout (>= 5x).
    expect(alpha.videos).toEqual([
      {
        videoId: 'a3',
        title: 'Alpha three',
        publishedAt: '2017-12-01T22:00:00.000Z',
        views: 3000,
        likes: 30,
        comments: 0,
        durationSeconds: null,
        ageDays: 2,
        viewsPerDay: 1500,
        medianMultiple: 20,
        breakout: true,
      },
      expect.objectContaining({
        videoId: 'a2',
        ageDays: 1,
        viewsPerDay: 200,
        medianMultiple: 1.33,
        breakout: false,
      }),
      expect.objectContaining({
        videoId: 'a1',
        ageDays: 2,
        viewsPerDay: 50,
        medianMultiple: 0.67,
        breakout: false,
      }),
      expect.objectContaining({ videoId: 'a4', likes: 0, ageDays: 2, viewsPerDay: 25, medianMultiple: 0.33 }),
    ]);
    expect(alpha.videosListed).toBe(4);
    expect(alpha.breakouts).toEqual([
      { videoId: 'a3', title: 'Alpha three', views: 3000, medianMultiple: 20 },
    ]);
    expect(alpha.cadence).toEqual({
      byMonth: [
        { month: '2017-11', uploads: 2 },
        { month: '2017-12', uploads: 1 },
        { month: '2018-01', uploads: 0 },
        { month: '2018-02', uploads: 1 },
      ],
      // gaps 1.02, 17.48 and 70.29 days
      medianDaysBetweenUploads: 17.48,
    });

    const beta = details.get('UCb')!;
    expect(beta.viewsOverTime).toEqual([
      { day: '2017-11-14', views: 1000 },
      { day: '2017-11-21', views: 1040 },
    ]);
    expect(beta.breakouts).toEqual([]); // 1000 is 1.92x the median of 520
    expect(beta.videos.map((v) => [v.videoId, v.medianMultiple])).toEqual([
      ['b1', 1.92],
      ['b2', 0.08],
    ]);
    expect(beta.cadence.medianDaysBetweenUploads).toBe(7.2); // 7 days 4 h 45 min

    expect(details.get('UCc')).toEqual({
      viewsOverTime: [],
      videos: [],
      videosListed: 0,
      cadence: { byMonth: [], medianDaysBetweenUploads: null },
      breakouts: [],
    });
  });

  it('returns only the channels asked for', async () => {
    const details = await queryChannelDetails(db().client, ['UCb']);
    expect([...details.keys()]).toEqual(['UCb']);
  });

  it('keeps list order across the chunked rows of a large channel', async () => {
    const { client } = db();
    await client.query(`INSERT INTO channels (channel_id, title) VALUES ('UCz', 'Zed')`);
    await client.query(
      `INSERT INTO videos (video_id, channel_id, title, published_at, views, stats_day)
       SELECT 'z' || i, 'UCz', 'Zed ' || i, timestamptz '2017-01-01' + i * interval '1 day', i, '2018-01-01'
       FROM generate_series(1, 250) AS i`,
    );
    const zed = (await queryChannelDetails(client, ['UCz'])).get('UCz')!;
    expect(zed.videosListed).toBe(250);
    expect(zed.videos.map((v) => v.views)).toEqual(Array.from({ length: 250 }, (_, i) => 250 - i));
    expect(zed.cadence.byMonth.map((m) => m.uploads).reduce((a, b) => a + b)).toBe(250);
    expect(zed.cadence.medianDaysBetweenUploads).toBe(1);
  });
});
