import type { SqlExecutor } from '../../../db/sql/SqlClient.ts';

/**
 * A small data set whose every report is computed by hand in the tests (see the expectations
 * next to each test). Three channels: Alpha (4 videos), Beta (2 videos, a hostile title) and
 * Gamma (no videos). No durations, like the 2017 trending data.
 */
export const FIXTURE_STATEMENTS: readonly string[] = [
  `INSERT INTO categories (category_id, title) VALUES (10, 'Music'), (24, 'Entertainment')`,
  `INSERT INTO channels (channel_id, title, handle, subscriber_count) VALUES
     ('UCa', 'Alpha', '@alpha', 1000),
     ('UCb', 'Beta <img src=x onerror=alert(1)>', NULL, NULL),
     ('UCc', 'Gamma', NULL, NULL)`,
  `INSERT INTO videos (video_id, channel_id, title, published_at, category_id, views, likes, comments,
                       comments_disabled, ratings_disabled, stats_day) VALUES
     ('a1', 'UCa', 'Alpha one',   '2017-11-13T10:00:00Z', 10,   100,  10,   1,  false, false, '2017-11-15'),
     ('a2', 'UCa', 'Alpha two',   '2017-11-14T10:30:00Z', 10,   200,  20,   4,  false, false, '2017-11-15'),
     ('a3', 'UCa', 'Alpha three', '2017-12-01T22:00:00Z', 24,   3000, 30,   0,  true,  false, '2017-12-03'),
     ('a4', 'UCa', 'Alpha four',  '2018-02-10T05:00:00Z', NULL, 50,   NULL, 2,  false, true,  '2018-02-12'),
     ('b1', 'UCb', 'Beta one',    '2017-11-13T10:15:00Z', 24,   1000, 100,  10, false, false, '2017-11-14'),
     ('b2', 'UCb', 'Beta two',    '2017-11-20T15:00:00Z', 24,   40,   2,    0,  false, false, '2017-11-21')`,
  `INSERT INTO video_daily_stats (video_id, day, views, likes, comments) VALUES
     ('a1', '2017-11-14', 60, 5, 0), ('a1', '2017-11-15', 100, 10, 1),
     ('a2', '2017-11-15', 200, 20, 4),
     ('a3', '2017-12-02', 1000, 10, 0), ('a3', '2017-12-03', 3000, 30, 0),
     ('a4', '2018-02-12', 50, NULL, 2),
     ('b1', '2017-11-14', 1000, 100, 10),
     ('b2', '2017-11-21', 40, 2, 0)`,
];

export async function insertReportFixture(db: SqlExecutor): Promise<void> {
  for (const statement of FIXTURE_STATEMENTS) await db.query(statement);
}

/** Twelve more channels with one video each, so `overview.topChannels` has more than 10 rows. */
export async function insertManyChannels(db: SqlExecutor, count = 12): Promise<void> {
  await db.query(
    `INSERT INTO channels (channel_id, title)
     SELECT 'UCm' || lpad(i::text, 2, '0'), 'Many ' || i FROM generate_series(1, $1::int) AS i`,
    [count],
  );
  await db.query(
    `INSERT INTO videos (video_id, channel_id, title, published_at, views, likes, comments, stats_day)
     SELECT 'm' || i, 'UCm' || lpad(i::text, 2, '0'), 'Many video ' || i, '2017-11-16T00:00:00Z', i * 10, 0, 0,
            '2017-11-16'
     FROM generate_series(1, $1::int) AS i`,
    [count],
  );
}
