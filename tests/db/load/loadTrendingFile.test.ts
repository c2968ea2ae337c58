import { expect, it } from 'vitest';
import { findCategoryFile, readCategoryFile } from '../../../db/load/categories.ts';
import { BadRecordError } from '../../../db/load/errors.ts';
import { loadTrendingFile } from '../../../db/load/loadTrendingFile.ts';
import { openTrendingFile } from '../../../db/load/openTrendingFile.ts';
import type { SqlClient } from '../../../db/sql/SqlClient.ts';
import { describeEachBackend } from '../../support/backends.ts';
import { tableFingerprint } from './tableFingerprint.ts';

const DEMO = 'data/demo/US_trending_2017-11.csv.gz';
const TRUNCATED_2020 = 'tests/fixtures/trending/kaggle_rsrishav_US_2020-08-12_to_2020-08-16_TRUNCATED.csv';

async function load(db: SqlClient, file: string, skipBadRows = false) {
  const categoriesFile = await findCategoryFile(file);
  const categories = categoriesFile ? await readCategoryFile(categoriesFile) : [];
  return loadTrendingFile(db, await openTrendingFile(file), { file, categories, skipBadRows });
}

const count = async (db: SqlClient, sql: string) => (await db.query<{ n: number }>(sql)).rows[0]!.n;

describeEachBackend('loadTrendingFile on the real Kaggle files', (db) => {
  it('loads the 2017 demo set with the numbers its source states', async () => {
    const result = await load(db().client, DEMO);
    expect(result).toMatchObject({
      format: 'youtube-new-2017',
      rows: 3000,
      videos: 791,
      channels: 553,
      days: 15,
      firstDay: '2017-11-14',
      lastDay: '2017-11-28',
      skipped: [],
      warnings: [],
    });
    const c = db().client;
    expect(await count(c, 'SELECT count(*)::int AS n FROM video_daily_stats')).toBe(3000);
    expect(await count(c, 'SELECT count(*)::int AS n FROM videos')).toBe(791);
    expect(
      await count(
        c,
        "SELECT count(*)::int AS n FROM channels WHERE id_derived AND channel_id LIKE 'title:%'",
      ),
    ).toBe(553);
    expect(await count(c, 'SELECT count(*)::int AS n FROM categories')).toBe(32);
    // Analyzed, so the first refresh after a load gets sensible plans (PGlite has no autovacuum).
    expect(
      await count(
        c,
        "SELECT count(DISTINCT tablename)::int AS n FROM pg_stats WHERE tablename IN ('videos', 'video_daily_stats')",
      ),
    ).toBe(2);
  });

  it("sets every video's latest counts and fields from its newest snapshot", async () => {
    const c = db().client;
    const mismatched = await count(
      c,
      `SELECT count(*)::int AS n FROM videos v
       JOIN LATERAL (SELECT * FROM video_daily_stats d WHERE d.video_id = v.video_id ORDER BY day DESC LIMIT 1) s ON true
       WHERE (v.views, v.likes, v.dislikes, v.comments, v.stats_day) IS DISTINCT FROM (s.views, s.likes, s.dislikes, s.comments, s.day)`,
    );
    expect(mismatched).toBe(0);
    const { rows } = await c.query<{ title: string; tags: string[]; views: bigint; day: string }>(
      `SELECT c.title, v.tags, d.views, d.day FROM videos v JOIN channels c USING (channel_id)
       JOIN video_daily_stats d USING (video_id) WHERE v.video_id = '2kyS6SvSYSE' ORDER BY d.day`,
    );
    expect(rows[0]).toEqual({
      title: 'CaseyNeistat',
      tags: ['SHANtell martin'],
      views: 748374n,
      day: '2017-11-14',
    });
    expect(rows.length).toBeGreaterThan(1);
  });

  it('leaves the same database when the same file is loaded again', async () => {
    const c = db().client;
    const before = await tableFingerprint(c);
    const again = await load(c, DEMO);
    expect(again.rows).toBe(3000);
    expect(await tableFingerprint(c)).toEqual(before);
  });

  it('gives the same data when the file is merged in many small chunks', async () => {
    const c = db().client;
    const oneChunk = await tableFingerprint(c, { content: true });
    await c.query('TRUNCATE categories, channels, videos, video_daily_stats CASCADE');
    const categoriesFile = await findCategoryFile(DEMO);
    const categories = categoriesFile ? await readCategoryFile(categoriesFile) : [];
    // About 60 chunks of 64 KB: most videos' trending days fall in several chunks.
    const chunked = await loadTrendingFile(c, await openTrendingFile(DEMO), {
      file: DEMO,
      categories,
      chunkBytes: 64 * 1024,
    });
    expect(chunked).toMatchObject({ rows: 3000, videos: 791, channels: 553, warnings: [] });
    expect(await tableFingerprint(c, { content: true })).toEqual(oneChunk);
  });

  it('fails on the truncated 2020 file at line 2646 and keeps nothing of it', async () => {
    const c = db().client;
    const before = await tableFingerprint(c);
    const error = await load(c, TRUNCATED_2020).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRecordError);
    expect((error as BadRecordError).line).toBe(2646);
    expect((error as BadRecordError).message).toContain(`${TRUNCATED_2020}: line 2646: record is cut off`);
    expect(await tableFingerprint(c)).toEqual(before);
  });

  it('with skipBadRows keeps every complete 2020 record and reports the cut-off one and the views drop', async () => {
    const c = db().client;
    const result = await load(c, TRUNCATED_2020, true);
    expect(result).toMatchObject({ format: 'rsrishav-2020', rows: 872, videos: 329, channels: 274, days: 5 });
    expect(result.skipped).toEqual([
      { file: TRUNCATED_2020, line: 2646, reason: expect.stringContaining('never closed') },
    ]);
    expect(result.warnings).toEqual([
      {
        line: 2168,
        message: expect.stringMatching(
          /JNJN5HMkRao has fewer views on 2020-08-15 \(536463\) than on 2020-08-14 \(550389\)/,
        ),
      },
    ]);
    expect(await count(c, "SELECT count(*)::int AS n FROM video_daily_stats WHERE day >= '2020-01-01'")).toBe(
      872,
    );
    expect(
      await count(
        c,
        "SELECT count(*)::int AS n FROM channels WHERE NOT id_derived AND channel_id LIKE 'UC%'",
      ),
    ).toBe(274);
  });
});
