import { rebuildRollups } from '../../db/rollups/index.ts';
import type { SqlClient } from '../../db/sql/SqlClient.ts';

/**
 * A synthetic data set for the growth reports, written with set-based SQL: `channels` channels
 * with a daily channel snapshot on each of the last `days` days (subscribers rounded down to 3
 * significant figures, as the API gives them), and `videos` videos, a third of them published
 * inside the window and snapshotted daily from publication (so the same-age scores and curves
 * have work to do), the rest published before it and snapshotted every day of the window.
 * The last day is 2025-12-31.
 */
export async function writeGrowthDataset(db: SqlClient, channels: number, videos: number, days: number) {
  await db.query(
    `INSERT INTO categories (category_id, title) SELECT i, 'Category ' || i FROM generate_series(1, 15) i`,
  );
  await db.query(
    `INSERT INTO channels (channel_id, title, handle)
     SELECT 'UC' || lpad(i::text, 22, '0'), 'Channel ' || i, '@channel' || i FROM generate_series(1, $1::int) i`,
    [channels],
  );
  // Every third video is published inside the window; one in 97 is a breakout (20x views).
  await db.query(
    `INSERT INTO videos (video_id, channel_id, title, published_at, duration_seconds, category_id,
                         views, likes, comments, stats_day)
     SELECT 'v' || lpad(i::text, 10, '0'), 'UC' || lpad((1 + i % $2::int)::text, 22, '0'),
            'Video number ' || i || ' about something interesting',
            timestamptz '2025-12-31' - make_interval(days => CASE WHEN i % 3 = 0
              THEN abs(hashint4(i)) % $3::int ELSE $3::int + abs(hashint4(i)) % 700 END)
              + make_interval(secs => abs(hashint4(i * 7)) % 86400),
            30 + abs(hashint4(i * 5)) % 3600, 1 + i % 15, w.views, w.views / 30, w.views / 300, date '2025-12-31'
     FROM generate_series(1, $1::int) i,
          LATERAL (SELECT (100 + abs(hashint4(i * 3)) % 100000)::bigint
                          * CASE WHEN i % 97 = 0 THEN 20 ELSE 1 END AS views) w`,
    [videos, channels, days],
  );
  await db.query('ALTER TABLE video_daily_stats SET UNLOGGED');
  // A video's views on day d: its total times the share of its life so far (young videos rise
  // fast: the share grows like the square root of age over 90 days).
  // The rollup triggers are off for this one bulk insert; rebuildRollups below computes them from
  // the raw snapshots in one set-based pass, as `tubelens refresh --rebuild-rollups` does.
  await db.transaction(async (tx) => {
    await tx.query("SET LOCAL tubelens.rollups = 'off'");
    await tx.query(
      `INSERT INTO video_daily_stats (video_id, day, views, likes, comments)
     SELECT v.video_id, d.day, s.views, s.views / 30, s.views / 300
     FROM videos v
     CROSS JOIN LATERAL generate_series(GREATEST(date '2025-12-31' - ($1::int - 1),
                                                 (v.published_at AT TIME ZONE 'UTC')::date),
                                        date '2025-12-31', interval '1 day') AS d(day)
     CROSS JOIN LATERAL (SELECT (v.views * LEAST(1, sqrt((d.day::date - (v.published_at AT TIME ZONE 'UTC')::date + 1) / 90.0)))::bigint AS views) s`,
      [days],
    );
  });
  await rebuildRollups(db);
  // Channel snapshots: subscribers from a few hundred to a few million, growing 0-0.5 % a day.
  await db.query(
    `INSERT INTO channel_daily_stats (channel_id, day, subscribers, views, videos)
     SELECT c.channel_id, date '2025-12-31' - d, r.subs - r.subs % (10 ^ greatest(0, floor(log(greatest(r.subs, 1))) - 2))::bigint,
            r.views, 50 + (abs(hashint4(c.i)) % 200) - d / 7
     FROM (SELECT channel_id, substr(channel_id, 3)::int AS i FROM channels) c
     CROSS JOIN generate_series(0, $1::int - 1) d
     CROSS JOIN LATERAL (SELECT
       (300 * exp((abs(hashint4(c.i * 11)) % 1000) / 110.0) * (1 - d * (abs(hashint4(c.i * 13)) % 50) / 10000.0))::bigint AS subs,
       (1000000 + (abs(hashint4(c.i * 17)) % 9000000) + ($1::int - d) * (abs(hashint4(c.i * 19)) % 20000))::bigint AS views) r`,
    [days],
  );
  await db.query('ANALYZE');
}
