import type { SqlClient } from '../../../db/sql/SqlClient.ts';

/** A video title that would run script if any page rendered titles as HTML. */
export const XSS_TITLE = '<img src=x onerror=alert(1)>';
/** A channel title with markup, for the same reason. */
export const XSS_CHANNEL_TITLE = 'Markup <b>bold</b> & <script>alert(2)</script> channel';
/** The channel with one video far above its median. */
export const BREAKOUT_CHANNEL = 'UCbreakout000000000000000';
export const XSS_CHANNEL = 'UCmarkup00000000000000000';
/** Channel 01: its only video's snapshots stop two days before everyone else's. */
export const LAGGING_CHANNEL = 'UCfixture0000000000000001';

/**
 * A small database for the site tests, shaped so every chart has something to count: 14 ordinary
 * channels with 1–14 videos each, a channel with a breakout video, and a channel whose titles are
 * markup. Videos span several months, weekdays and hours; half have a duration; each has five
 * daily snapshots (2026-03-01 … 03-05) growing towards its latest views, except channel 01's, which
 * stop on 03-03.
 */
export async function seedFixture(db: SqlClient): Promise<void> {
  await db.query(`INSERT INTO categories (category_id, title) VALUES
    (10, 'Music'), (20, 'Gaming'), (24, 'Entertainment'), (28, 'Science & Technology')`);
  await db.query(`INSERT INTO channels (channel_id, title, handle, subscriber_count)
    SELECT 'UCfixture' || lpad(i::text, 16, '0'), 'Fixture channel ' || lpad(i::text, 2, '0'),
           '@fixture' || i, CASE WHEN i % 3 = 0 THEN NULL ELSE i * 1000 END
    FROM generate_series(1, 14) AS i`);
  await db.query(
    `INSERT INTO channels (channel_id, title, handle, subscriber_count) VALUES ($1, $2, '@breakout', 5000)`,
    [BREAKOUT_CHANNEL, 'Breakout Studio'],
  );
  await db.query(
    `INSERT INTO channels (channel_id, title, handle, subscriber_count) VALUES ($1, $2, NULL, 42)`,
    [XSS_CHANNEL, XSS_CHANNEL_TITLE],
  );
  // Channel i has i videos; video j of channel i: views shrink with j, publish times spread over
  // Oct 2025 … Feb 2026, weekdays and hours; every second video has a duration.
  await db.query(`INSERT INTO videos (video_id, channel_id, title, description, published_at, duration_seconds,
                                       category_id, views, likes, comments, stats_day)
    SELECT 'v' || lpad(i::text, 2, '0') || '_' || lpad(j::text, 2, '0'),
           'UCfixture' || lpad(i::text, 16, '0'),
           'Fixture video ' || i || '.' || j,
           'Description of video ' || i || '.' || j,
           timestamptz '2025-10-01 00:00:00+00' + ((i * 7 + j * 11) % 140) * interval '1 day'
             + ((i * 5 + j * 3) % 24) * interval '1 hour',
           CASE WHEN j % 2 = 0 THEN 30 + ((i * 97 + j * 61) % 3000) END,
           (ARRAY[10, 20, 24, 28])[1 + (i + j) % 4],
           (200000 * i) / j + 1000, ((200000 * i) / j) / 40, ((200000 * i) / j) / 400,
           date '2026-03-05'
    FROM generate_series(1, 14) AS i, generate_series(1, i) AS j`);
  await db.query(
    `INSERT INTO videos (video_id, channel_id, title, published_at, duration_seconds, category_id,
                                       views, likes, comments, stats_day)
    SELECT 'vbreak_' || j, $1, CASE WHEN j = 1 THEN 'The one that took off' ELSE 'Steady upload ' || j END,
           timestamptz '2025-11-03 15:00:00+00' + j * interval '9 days', 120 + j * 40, 28,
           CASE WHEN j = 1 THEN 5000000 ELSE 40000 + j * 1000 END,
           CASE WHEN j = 1 THEN 150000 ELSE 1500 END, CASE WHEN j = 1 THEN 9000 ELSE 80 END,
           date '2026-03-05'
    FROM generate_series(1, 8) AS j`,
    [BREAKOUT_CHANNEL],
  );
  await db.query(
    `INSERT INTO videos (video_id, channel_id, title, description, published_at, category_id,
                                       views, likes, comments, stats_day)
    VALUES ('vxss_1', $1, $2, $2, timestamptz '2026-01-15 12:00:00+00', 24, 9000000, 300000, 12000, date '2026-03-05'),
           ('vxss_2', $1, 'An ordinary title', NULL, timestamptz '2026-02-01 08:00:00+00', 24, 20000, 400, 20,
            date '2026-03-05')`,
    [XSS_CHANNEL, XSS_TITLE],
  );
  // Five snapshots per video, the last equal to the video's latest counts.
  await db.query(`INSERT INTO video_daily_stats (video_id, day, views, likes, comments)
    SELECT v.video_id, date '2026-03-05' - k, (v.views * (10 - k)) / 10, (v.likes * (10 - k)) / 10,
           (v.comments * (10 - k)) / 10
    FROM videos v, generate_series(0, 4) AS k`);
  // Channel 01 stopped being tracked two days early: its newest snapshot is 2026-03-03.
  await db.query(`DELETE FROM video_daily_stats WHERE video_id = 'v01_01' AND day > date '2026-03-03'`);
  await db.query(`UPDATE videos v SET stats_day = s.day, views = s.views, likes = s.likes, comments = s.comments
    FROM video_daily_stats s WHERE v.video_id = 'v01_01' AND s.video_id = v.video_id AND s.day = date '2026-03-03'`);
}
