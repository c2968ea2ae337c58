import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { loadTrendingFile } from '../../../db/load/loadTrendingFile.ts';
import { StagedSummaryCounter } from '../../../db/load/stagedSummary.ts';
import type { TrendingRow } from '../../../db/load/TrendingRow.ts';
import { describeEachBackend } from '../../support/backends.ts';

const HEADER =
  'video_id,trending_date,title,channel_title,category_id,publish_time,tags,views,likes,dislikes,comment_count,thumbnail_link,comments_disabled,ratings_disabled,video_error_or_removed,description';
const record = (id: string, day: string, views: number, channel = 'Some Channel') =>
  `${id},${day},"A video","${channel}",24,2017-11-10T17:00:00.000Z,"one"|"two",${views},1,0,2,https://i.ytimg.com/vi/${id}/default.jpg,False,False,False,"d"`;
const csv = (...records: string[]) => Readable.from([`${HEADER}\n${records.join('\n')}\n`]);

describe('StagedSummaryCounter', () => {
  const row = (videoId: string, day: string, channelId = 'c1') =>
    ({ videoId, day, channelId }) as TrendingRow;

  it('counts rows, videos, channels and days, and the first and last day', () => {
    const counter = new StagedSummaryCounter();
    expect(counter.summary()).toEqual({
      rows: 0,
      videos: 0,
      channels: 0,
      days: 0,
      firstDay: null,
      lastDay: null,
      mayRepeat: false,
    });
    for (const r of [row('a', '2017-11-15'), row('b', '2017-11-14', 'c2'), row('a', '2017-11-16')])
      counter.add(r);
    expect(counter.summary()).toEqual({
      rows: 3,
      videos: 2,
      channels: 2,
      days: 3,
      firstDay: '2017-11-14',
      lastDay: '2017-11-16',
      mayRepeat: false,
    });
  });

  it('says a (video, day) may repeat as soon as a video does not move forward in time', () => {
    const same = new StagedSummaryCounter();
    same.add(row('a', '2017-11-15'));
    same.add(row('a', '2017-11-15'));
    expect(same.summary()?.mayRepeat).toBe(true);
    const back = new StagedSummaryCounter();
    back.add(row('a', '2017-11-15'));
    back.add(row('a', '2017-11-14'));
    expect(back.summary()?.mayRepeat).toBe(true);
  });

  it('gives up past its number of videos, so memory stays flat', () => {
    const counter = new StagedSummaryCounter(2);
    counter.add(row('a', '2017-11-15'));
    counter.add(row('b', '2017-11-15'));
    counter.add(row('a', '2017-11-16'));
    expect(counter.summary()?.videos).toBe(2);
    counter.add(row('c', '2017-11-15'));
    expect(counter.summary()).toBeUndefined();
  });
});

describeEachBackend('loadTrendingFile duplicate records', (db) => {
  // Counted in memory (the default), and by the database (a file with too many videos).
  const modes = [
    { counted: 'in memory', maxVideosCounted: undefined, chunkBytes: undefined },
    { counted: 'by the database', maxVideosCounted: 0, chunkBytes: undefined },
    // Every record merged as a chunk of its own, before the next is read.
    { counted: 'in memory, one record per chunk', maxVideosCounted: undefined, chunkBytes: 1 },
  ];

  it.each(modes)(
    'reports a video twice on one day and keeps the last record (counted $counted)',
    async ({ maxVideosCounted, chunkBytes }) => {
      const result = await loadTrendingFile(
        db().client,
        csv(
          record('dupdupdup01', '17.14.11', 10),
          record('dupdupdup01', '17.14.11', 12),
          record('dupdupdup02', '17.14.11', 5),
        ),
        { file: 'dup.csv', maxVideosCounted, chunkBytes },
      );
      expect(result).toMatchObject({
        rows: 3,
        videos: 2,
        channels: 1,
        days: 1,
        firstDay: '2017-11-14',
        lastDay: '2017-11-14',
      });
      expect(result.warnings).toEqual([
        {
          line: 3,
          message: 'video dupdupdup01 appears 2 times on 2017-11-14 (lines 2, 3); the last one is kept',
        },
      ]);
      const { rows } = await db().client.query<{ views: string }>(
        "SELECT views::text AS views FROM video_daily_stats WHERE video_id = 'dupdupdup01'",
      );
      expect(rows).toEqual([{ views: '12' }]);
    },
  );

  it.each(modes)(
    'reports nothing for a video whose days go back without repeating (counted $counted)',
    async ({ maxVideosCounted, chunkBytes }) => {
      const result = await loadTrendingFile(
        db().client,
        csv(record('backback001', '17.16.11', 30, 'Back'), record('backback001', '17.15.11', 20, 'Back')),
        { file: 'back.csv', maxVideosCounted, chunkBytes },
      );
      expect(result).toMatchObject({
        rows: 2,
        videos: 1,
        channels: 1,
        days: 2,
        firstDay: '2017-11-15',
        lastDay: '2017-11-16',
      });
      expect(result.warnings).toEqual([]);
      const { rows } = await db().client.query<{ views: string; day: string }>(
        "SELECT views::text AS views, stats_day::text AS day FROM videos WHERE video_id = 'backback001'",
      );
      expect(rows).toEqual([{ views: '30', day: '2017-11-16' }]);
    },
  );
});
