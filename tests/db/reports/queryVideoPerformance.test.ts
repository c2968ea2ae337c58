import { beforeAll, expect, it } from 'vitest';
import { decodeAges, queryVideoPerformance } from '../../../db/reports/queryVideoPerformance.ts';
import { describeEachBackend } from '../../support/backends.ts';

// uploadsCte sends the ages of a series without gaps as its first age alone; a series with a
// missed day, one starting late and a video without snapshots must decode to the same ages as
// one age per snapshot would.
describeEachBackend('queryVideoPerformance ages', (db) => {
  beforeAll(async () => {
    const c = db().client;
    await c.query(`INSERT INTO channels (channel_id, title) VALUES ('UCp', 'Points')`);
    await c.query(
      `INSERT INTO videos (video_id, channel_id, title, published_at, views, stats_day) VALUES
         ('daily', 'UCp', 'Daily', '2026-01-01T10:00:00Z', 500, '2026-01-11'),
         ('missed', 'UCp', 'Missed', '2026-01-02T10:00:00Z', 400, '2026-01-11'),
         ('late', 'UCp', 'Late', '2026-01-03T10:00:00Z', 300, '2026-01-11'),
         ('none', 'UCp', 'None', '2026-01-04T10:00:00Z', 200, NULL)`,
    );
    await c.query(
      `INSERT INTO video_daily_stats (video_id, day, views)
       SELECT 'daily', date '2026-01-01' + a, 10 * a FROM generate_series(0, 5) a
       UNION ALL SELECT 'missed', date '2026-01-02' + a, 20 * a FROM generate_series(0, 5) a WHERE a <> 3
       UNION ALL SELECT 'late', date '2026-01-03' + a, 30 * a FROM generate_series(4, 6) a`,
    );
  });

  it('gives every snapshot its age, with or without gaps', async () => {
    const uploads = (await queryVideoPerformance(db().client, ['UCp'])).get('UCp')!;
    const snapshots = Object.fromEntries(uploads.map((u) => [u.videoId, u.snapshots]));
    const at = (ages: number[], perDay: number) => ({ ages, views: ages.map((a) => perDay * a) });
    expect(snapshots).toEqual({
      daily: at([0, 1, 2, 3, 4, 5], 10),
      missed: at([0, 1, 2, 4, 5], 20),
      late: at([4, 5, 6], 30),
      none: { ages: [], views: [] },
    });
  });
});

it('decodes the first age alone as ages without a gap', () => {
  expect(decodeAges([3], [7, 8, 9])).toEqual([3, 4, 5]);
  expect(decodeAges([0, 2], [1, 5])).toEqual([0, 2]);
  expect(decodeAges([4], [9])).toEqual([4]);
  expect(decodeAges(null, null)).toEqual([]);
});
