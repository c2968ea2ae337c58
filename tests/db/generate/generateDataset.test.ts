import { expect, it } from 'vitest';
import { GenerateError } from '../../../db/generate/errors.ts';
import { generateDataset } from '../../../db/generate/generateDataset.ts';
import type { SqlClient } from '../../../db/sql/SqlClient.ts';
import { describeEachBackend } from '../../support/backends.ts';
import { tableFingerprint } from '../load/tableFingerprint.ts';

const shape = { channels: 12, videos: 150, days: 20, seed: 11 };

/** Content of the generated tables without the created_at/updated_at bookkeeping. */
async function contentDigest(db: SqlClient): Promise<string[]> {
  const digests: string[] = [];
  for (const sql of [
    `SELECT md5(string_agg(row(channel_id, title, handle, published_at, subscriber_count, view_count, video_count)::text, '|' ORDER BY channel_id)) AS v FROM channels`,
    `SELECT md5(string_agg(row(video_id, channel_id, title, description, published_at, duration_seconds, category_id, tags, views, likes, comments, stats_day)::text, '|' ORDER BY video_id)) AS v FROM videos`,
    `SELECT md5(string_agg(t::text, '|' ORDER BY video_id, day)) AS v FROM video_daily_stats t`,
    `SELECT md5(string_agg(t::text, '|' ORDER BY channel_id, day)) AS v FROM channel_daily_stats t`,
  ]) {
    digests.push((await db.query<{ v: string }>(sql)).rows[0]!.v);
  }
  return digests;
}

const one = async <T>(db: SqlClient, sql: string) => (await db.query<{ v: T }>(sql)).rows[0]!.v;

describeEachBackend('generateDataset', (db) => {
  let first: Record<string, string>;
  let firstContent: string[];

  it('writes the requested shape with progress', async () => {
    const phases = new Set<string>();
    const result = await generateDataset(db().client, shape, (p) => phases.add(p.phase));
    expect(result.channels).toBe(12);
    expect(result.videos).toBe(150);
    expect(result.snapshots).toBeGreaterThan(150 * 15);
    expect(result.snapshots).toBeLessThanOrEqual(150 * 20);
    expect([...phases]).toEqual(['channels', 'videos', 'snapshots', 'channel stats', 'statistics']);
    const c = db().client;
    expect(await one(c, 'SELECT count(*)::int AS v FROM video_daily_stats')).toBe(result.snapshots);
    expect(await one(c, 'SELECT count(*)::int AS v FROM channel_daily_stats')).toBe(result.channelSnapshots);
    expect(await one(c, 'SELECT count(DISTINCT day)::int AS v FROM video_daily_stats')).toBe(20);
    // Statistics for the planner, so queries right after a generate get sensible plans.
    expect(
      await one(
        c,
        "SELECT count(DISTINCT tablename)::int AS v FROM pg_stats WHERE tablename IN ('videos', 'video_daily_stats')",
      ),
    ).toBe(2);
    first = await tableFingerprint(c);
    firstContent = await contentDigest(c);
  });

  it('keeps the invariants: snapshots only grow, latest counts equal the newest snapshot', async () => {
    const c = db().client;
    const shrinking = await one<number>(
      c,
      `SELECT count(*)::int AS v FROM (
         SELECT views < lag(views) OVER w OR likes < lag(likes) OVER w OR comments < lag(comments) OVER w AS shrinks
         FROM video_daily_stats WINDOW w AS (PARTITION BY video_id ORDER BY day)) s WHERE shrinks`,
    );
    expect(shrinking).toBe(0);
    const stale = await one<number>(
      c,
      `SELECT count(*)::int AS v FROM videos v
       JOIN LATERAL (SELECT * FROM video_daily_stats d WHERE d.video_id = v.video_id ORDER BY day DESC LIMIT 1) s ON true
       WHERE (v.views, v.likes, v.comments, v.stats_day) IS DISTINCT FROM (s.views, s.likes, s.comments, s.day)`,
    );
    expect(stale).toBe(0);
    const channelViews = await one<number>(
      c,
      `SELECT count(*)::int AS v FROM channel_daily_stats cd
       WHERE cd.views <> (SELECT sum(d.views) FROM video_daily_stats d JOIN videos v USING (video_id)
                          WHERE v.channel_id = cd.channel_id AND d.day = cd.day)`,
    );
    expect(channelViews).toBe(0);
    expect(
      await one(c, 'SELECT bool_and(view_count IS NOT NULL) AS v FROM channels WHERE video_count > 0'),
    ).toBe(true);
  });

  it('refuses to generate the same seed twice and changes nothing', async () => {
    const error = await generateDataset(db().client, shape).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GenerateError);
    expect((error as Error).message).toContain('seed 11 has already been generated');
    expect(await tableFingerprint(db().client)).toEqual(first);
  });

  it('generates exactly the same rows again from the same seed', async () => {
    const c = db().client;
    await c.query('DELETE FROM channels');
    await c.query('DELETE FROM categories');
    await generateDataset(c, shape);
    expect(await contentDigest(c)).toEqual(firstContent);
  });

  it('generates different data from another seed', async () => {
    const c = db().client;
    const before = await one<number>(c, 'SELECT count(*)::int AS v FROM videos');
    await generateDataset(c, { ...shape, seed: 12 });
    expect(await one(c, 'SELECT count(*)::int AS v FROM videos')).toBe(before + 150);
  });
});
