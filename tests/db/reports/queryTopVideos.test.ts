import { beforeAll, expect, it } from 'vitest';
import { TOP_VIDEOS } from '../../../db/reports/contract/index.ts';
import { queryTopVideos } from '../../../db/reports/index.ts';
import type { SqlExecutor } from '../../../db/sql/SqlClient.ts';
import { describeEachBackend } from '../../support/backends.ts';

// More videos than the report lists, with ties across the cutoff, NULL and 0 views: the range read
// of videos_views_idx must give exactly the rows (and order) of one sort over every video.
describeEachBackend('queryTopVideos beyond the top', (db) => {
  beforeAll(async () => {
    const c = db().client;
    await c.query(`INSERT INTO channels (channel_id, title) VALUES ('UCt', 'Ties')`);
    // 3 videos per views value (i / 3), so the 100th video shares its views with its neighbours;
    // every 10th has NULL views, every 11th 0. Ids descend as views ascend, so the index's
    // video_id DESC order differs from the report's video_id ascending order among ties.
    await c.query(
      `INSERT INTO videos (video_id, channel_id, title, published_at, views, likes, comments, stats_day)
       SELECT 'v' || lpad((1000 - i)::text, 4, '0'), 'UCt', 'Video ' || i, '2020-01-01T00:00:00Z',
              CASE WHEN i % 10 = 0 THEN NULL WHEN i % 11 = 0 THEN 0 ELSE (i / 3) * 10 END, 1, 1, '2020-01-02'
       FROM generate_series(1, ${TOP_VIDEOS * 2}) AS i`,
    );
  });

  /** The report's videos and views, and those of one sort over every video, from `db`. */
  async function bothWays(c: SqlExecutor) {
    const sorted = await c.query<{ video_id: string; views: number }>(
      `SELECT video_id, COALESCE(views, 0)::float8 AS views FROM videos
       ORDER BY COALESCE(views, 0) DESC, video_id LIMIT $1`,
      [TOP_VIDEOS],
    );
    const report = await queryTopVideos(c, null);
    return {
      report: report.videos.map((v) => [v.videoId, v.views]),
      sorted: sorted.rows.map((r) => [r.video_id, r.views]),
    };
  }

  it('lists the same videos in the same order as a sort over every video', async () => {
    const { report, sorted } = await bothWays(db().client);
    expect(report).toEqual(sorted);
    expect(report).toHaveLength(TOP_VIDEOS);
  });

  it('lists the same videos when fewer than the top have views above 0', async () => {
    const rollback = new Error('rollback');
    await expect(
      db().client.transaction(async (tx) => {
        await tx.query('UPDATE videos SET views = 0 WHERE views > 200');
        const { report, sorted } = await bothWays(tx);
        expect(report.filter(([, views]) => Number(views) > 0).length).toBeLessThan(TOP_VIDEOS);
        expect(report).toEqual(sorted);
        throw rollback;
      }),
    ).rejects.toBe(rollback);
  });
});
