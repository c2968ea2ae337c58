import type { SqlExecutor } from '../../../db/sql/SqlClient.ts';

/** Three channels, 90 videos over Jan–Mar 2024, daily stats for one video: small and exact. */
export const FIXTURE = {
  channels: [
    { id: 'UCcooking', title: 'Cooking Corner', subscribers: 50_000 },
    { id: 'UCgaming', title: 'Gaming 100% Live', subscribers: 120_000 },
    { id: 'UCnews', title: 'News_Desk', subscribers: 9_000 },
  ],
  categories: [
    { id: 10, title: 'Music' },
    { id: 20, title: 'Gaming' },
    { id: 26, title: 'Howto & Style' },
  ],
  videosPerChannel: 30,
  /** The one video with a daily history (Jan 1 – Jan 10: 100, 250, 450, ...). */
  detailVideo: 'UCcooking_v00',
} as const;

/** Video i of a channel: published on day i (from 2024-01-01), views 1000·(i+1)·(channel+1). */
export function fixtureVideo(channel: number, i: number) {
  const ch = FIXTURE.channels[channel]!;
  const words = ['pasta recipe', 'speedrun', 'morning report'][channel]!;
  return {
    video_id: `${ch.id}_v${String(i).padStart(2, '0')}`,
    channel_id: ch.id,
    title: i === 3 ? `<img src=x onerror=alert(1)> ${words} 50% off_sale` : `${words} episode ${i}`,
    published_at: new Date(Date.UTC(2024, 0, 1 + i * 3, 12)),
    duration_seconds: 60 * (i + 1),
    category_id: FIXTURE.categories[channel]!.id,
    views: 1000 * (i + 1) * (channel + 1),
    likes: 10 * (i + 1),
    comments: i,
  };
}

export async function insertFixtures(db: SqlExecutor): Promise<void> {
  for (const c of FIXTURE.categories) {
    await db.query('INSERT INTO categories (category_id, title) VALUES ($1, $2)', [c.id, c.title]);
  }
  for (const c of FIXTURE.channels) {
    await db.query('INSERT INTO channels (channel_id, title, subscriber_count) VALUES ($1, $2, $3)', [
      c.id,
      c.title,
      c.subscribers,
    ]);
  }
  const rows = FIXTURE.channels.flatMap((_, ch) =>
    Array.from({ length: FIXTURE.videosPerChannel }, (_, i) => fixtureVideo(ch, i)),
  );
  await db.query(
    `INSERT INTO videos (video_id, channel_id, title, published_at, duration_seconds, category_id, views, likes, comments)
     SELECT video_id, channel_id, title, published_at, duration_seconds, category_id, views, likes, comments
     FROM jsonb_to_recordset($1::jsonb) AS r(video_id text, channel_id text, title text, published_at timestamptz,
       duration_seconds int, category_id int, views bigint, likes bigint, comments bigint)`,
    [JSON.stringify(rows)],
  );
  await db.query(
    `INSERT INTO video_daily_stats (video_id, day, views)
     SELECT $1, DATE '2024-01-01' + d, 100 * (d + 1) + 25 * d * (d + 1) FROM generate_series(0, 9) d`,
    [FIXTURE.detailVideo],
  );
}

/** `count` more videos for UCcooking (ids UCcooking_bulk000000…), enough to make an export long. */
export async function insertBulkVideos(db: SqlExecutor, count: number): Promise<void> {
  await db.query(
    `INSERT INTO videos (video_id, channel_id, title, published_at, duration_seconds, category_id, views, likes, comments)
     SELECT 'UCcooking_bulk' || lpad(i::text, 6, '0'), 'UCcooking',
            'bulk video number ' || i || ' with a title long enough to look like a real one',
            TIMESTAMPTZ '2023-01-01' + i * INTERVAL '7 minutes', 60 + i % 3600, 26, i, i % 1000, i % 100
     FROM generate_series(1, $1::int) AS i`,
    [count],
  );
}
