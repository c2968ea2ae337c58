import { z } from 'zod';
import { type BulkSession, openBulkSession } from '../load/bulkSession.ts';
import type { CopyValue } from '../load/copyText.ts';
import { skipForeignKeyChecks } from '../load/skipForeignKeyChecks.ts';
import type { SqlClient } from '../sql/SqlClient.ts';
import { ChannelDailyTotals } from './channelDailyTotals.ts';
import { GenerateError } from './errors.ts';
import { channelAt, type GenerateShape, snapshotsOf, videoAt } from './syntheticData.ts';
import { CATEGORIES } from './vocabulary.ts';

/** Defaults of `tubelens generate`; lastDay is fixed so that a seed always means the same data. */
export const generateDefaults: GenerateShape = {
  channels: 100,
  videos: 2000,
  days: 30,
  seed: 1,
  lastDay: '2025-12-31',
};

export const GenerateShapeSchema = z
  .object({
    channels: z.number().int().min(1).max(1_000_000),
    videos: z.number().int().min(0).max(100_000_000),
    days: z.number().int().min(1).max(3650),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 32 - 1),
    lastDay: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  })
  .strict();

export interface GenerateProgress {
  readonly phase: 'channels' | 'videos' | 'snapshots' | 'channel stats' | 'statistics';
  readonly done: number;
  readonly total?: number;
}

export interface GenerateResult {
  readonly channels: number;
  readonly videos: number;
  readonly snapshots: number;
  readonly channelSnapshots: number;
}

const VIDEO_COLUMNS = [
  'video_id',
  'channel_id',
  'title',
  'description',
  'published_at',
  'duration_seconds',
  'category_id',
  'tags',
  'views',
  'likes',
  'comments',
  'stats_day',
];

function* channelRows(shape: GenerateShape): Generator<CopyValue[]> {
  for (let i = 0; i < shape.channels; i += 1) {
    const c = channelAt(shape, i);
    yield [c.channelId, c.title, c.handle, c.publishedAt.toISOString(), c.subscribers];
  }
}

function* videoRows(shape: GenerateShape): Generator<CopyValue[]> {
  for (let i = 0; i < shape.videos; i += 1) {
    const v = videoAt(shape, i);
    const last = snapshotsOf(shape, v).at(-1);
    yield [
      v.videoId,
      v.channel.channelId,
      v.title,
      v.description,
      v.publishedAt.toISOString(),
      v.durationSeconds,
      v.categoryId,
      v.tags,
      last?.views ?? 0,
      last?.likes ?? 0,
      last?.comments ?? 0,
      last?.day ?? null,
    ];
  }
}

/** Snapshots of every `lanes`-th video starting at `lane`, adding each to the channel totals. */
function* snapshotRows(
  shape: GenerateShape,
  lane: number,
  lanes: number,
  totals: ChannelDailyTotals | undefined,
  onVideo: () => void,
): Generator<CopyValue[]> {
  for (let i = lane; i < shape.videos; i += lanes) {
    const v = videoAt(shape, i);
    for (const s of snapshotsOf(shape, v)) {
      totals?.add(v.channel.index, s.dayIndex, s.views);
      yield [v.videoId, s.day, s.views, s.likes, s.comments];
    }
    onVideo();
  }
}

const INSERT_CATEGORIES = /* sql */ `
INSERT INTO categories (category_id, title, assignable)
SELECT c.id, c.title, true FROM jsonb_to_recordset($1::text::jsonb) AS c(id integer, title text)
ON CONFLICT (category_id) DO NOTHING`;

const CHANNEL_TOTALS = /* sql */ `
UPDATE channels c SET view_count = t.views, video_count = t.videos
FROM (SELECT v.channel_id, sum(v.views)::bigint AS views, count(*)::bigint AS videos
      FROM videos v JOIN channels g USING (channel_id)
      WHERE g.channel_id IN (SELECT channel_id FROM jsonb_array_elements_text($1::text::jsonb) AS e(channel_id))
      GROUP BY v.channel_id) t
WHERE c.channel_id = t.channel_id`;

// Used instead of the in-memory totals for very many channel-days (see ChannelDailyTotals).
const CHANNEL_DAILY_SQL = /* sql */ `
INSERT INTO channel_daily_stats (channel_id, day, subscribers, views, videos)
SELECT v.channel_id, s.day,
  floor(c.subscriber_count * power(0.999, $1::text::date - s.day))::bigint,
  sum(s.views)::bigint, count(*)::bigint
FROM video_daily_stats s
JOIN videos v USING (video_id)
JOIN channels c ON c.channel_id = v.channel_id
WHERE c.channel_id IN (SELECT channel_id FROM jsonb_array_elements_text($2::text::jsonb) AS e(channel_id))
GROUP BY v.channel_id, s.day, c.subscriber_count`;

/** Runs `fn` in one bulk session (one transaction), committing on success. */
async function inSession<T>(client: SqlClient, fn: (s: BulkSession) => Promise<T>): Promise<T> {
  const session = await openBulkSession(client);
  try {
    const result = await fn(session);
    await session.commit();
    return result;
  } catch (error) {
    await session.rollback();
    throw error;
  }
}

/**
 * Generates a synthetic data set of the given shape into the database by COPY. The same shape and
 * seed always give the same rows. The snapshots go in over two connections at once (two
 * transactions, one per core); if any step fails, the channels written so far are
 * deleted again (videos and snapshots go with them by ON DELETE CASCADE), so a failed run
 * leaves nothing behind.
 */
export async function generateDataset(
  client: SqlClient,
  options: Partial<GenerateShape> = {},
  onProgress: (p: GenerateProgress) => void = () => {},
): Promise<GenerateResult> {
  const shape = GenerateShapeSchema.parse({ ...generateDefaults, ...options });
  const channelIds = Array.from({ length: shape.channels }, (_, i) => channelAt(shape, i).channelId);
  const channelIdsJson = JSON.stringify(channelIds);
  const lanes = 2;
  const totals = ChannelDailyTotals.fits(shape) ? new ChannelDailyTotals(shape) : undefined;

  // Each step in its own session; on failure the clean-up below removes what earlier steps committed.
  const run = async (): Promise<GenerateResult> => {
    const step = <T>(fn: (s: BulkSession) => Promise<T>) => inSession(client, fn);
    const [channels, videos] = await step(async (s) => {
      const existing = await s.query('SELECT 1 FROM channels WHERE channel_id = $1', [channelIds[0]]);
      if (existing.length > 0) {
        throw new GenerateError(
          `seed ${shape.seed} has already been generated into this database (channel ${channelIds[0]} exists); use another --seed or a fresh database`,
        );
      }
      const categories = CATEGORIES.map(([id, title]) => ({ id, title }));
      await s.query(INSERT_CATEGORIES, [JSON.stringify(categories)]);
      const c = await s.copy(
        'channels',
        ['channel_id', 'title', 'handle', 'published_at', 'subscriber_count'],
        channelRows(shape),
        (done) => onProgress({ phase: 'channels', done, total: shape.channels }),
      );
      const v = await s.copy('videos', VIDEO_COLUMNS, videoRows(shape), (done) =>
        onProgress({ phase: 'videos', done, total: shape.videos }),
      );
      return [c, v];
    });
    let videosDone = 0;
    const counts = await Promise.all(
      Array.from({ length: lanes }, (_, lane) =>
        step(async (s) => {
          await skipForeignKeyChecks(s);
          // No rollups_lock() up front (db/rollups/lockRollups.ts): the lanes' COPYs would run one
          // after the other. Each lane writes snapshots of the synthetic videos the first step
          // made, which no other writer writes (the ingest and the loads carry real ids), so it
          // holds no row another writer waits for; its trigger takes the lock when the COPY ends,
          // and only the two lanes' rollup updates take turns.
          return s.copy(
            'video_daily_stats',
            ['video_id', 'day', 'views', 'likes', 'comments'],
            snapshotRows(shape, lane, lanes, totals, () => {
              videosDone += 1;
            }),
            () => onProgress({ phase: 'snapshots', done: videosDone, total: shape.videos }),
          );
        }),
      ),
    );
    onProgress({ phase: 'channel stats', done: 0, total: shape.channels });
    const channelSnapshots = await step(async (s) => {
      await s.query(CHANNEL_TOTALS, [channelIdsJson]);
      if (!totals) {
        const [row] = await s.query(
          `WITH inserted AS (${CHANNEL_DAILY_SQL} RETURNING 1) SELECT count(*)::int AS n FROM inserted`,
          [shape.lastDay, channelIdsJson],
        );
        return Number(row!.n);
      }
      const subscribers = (c: number) => channelAt(shape, c).subscribers;
      return s.copy(
        'channel_daily_stats',
        ['channel_id', 'day', 'subscribers', 'views', 'videos'],
        (function* () {
          for (const [c, day, subs, views, count] of totals.rows(subscribers)) {
            yield [channelIds[c]!, day, subs, views, count];
          }
        })(),
      );
    });
    onProgress({ phase: 'channel stats', done: shape.channels, total: shape.channels });
    return { channels, videos, snapshots: counts.reduce((a, b) => a + b, 0), channelSnapshots };
  };

  // A bulk write leaves the planner without statistics until autovacuum gets to the tables, and
  // the refresh's per-channel queries then pick nested loops over 30 M snapshots: measured at
  // 10,000 channels / 1,000,000 videos / 30 days, 1 report/s before ANALYZE and 25/s after.
  const analyze = async (result: GenerateResult) => {
    onProgress({ phase: 'statistics', done: 0, total: shape.channels });
    await client.query('ANALYZE channels, videos, video_daily_stats, channel_daily_stats');
    onProgress({ phase: 'statistics', done: shape.channels, total: shape.channels });
    return result;
  };
  try {
    return await analyze(await run());
  } catch (error) {
    if (!(error instanceof GenerateError)) {
      await client.query(
        'DELETE FROM channels WHERE channel_id IN (SELECT jsonb_array_elements_text($1::text::jsonb))',
        [channelIdsJson],
      );
    }
    throw error;
  }
}
