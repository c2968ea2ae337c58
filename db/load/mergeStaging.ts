import type { BulkSession } from './bulkSession.ts';
import type { RollupUpkeep } from './rollupUpkeep.ts';
import type { SnapshotOverlap } from './snapshotOverlap.ts';
import type { StagedSummary } from './stagedSummary.ts';
import { STAGED_KEYS_TABLE as K, STAGING_TABLE as S, STAGED_KEY_COLUMNS } from './stagingTable.ts';

/**
 * The merge of a staged file into the tables, as set-based statements, one chunk of the file at
 * a time (mergeChunk) and then once for the whole file (finishMerge). Every upsert only writes
 * rows whose content changes, so loading the same file again changes nothing (not even
 * updated_at). Within a file the latest record wins (newest day, then last line): within a chunk
 * by DISTINCT ON ... ORDER BY day DESC, line DESC; across chunks because videos compare
 * stats_day and a later chunk has later lines; channels, which have no day to compare, get
 * their final title from the whole file's keys at the end.
 */
const PLACEHOLDER_CATEGORIES = /* sql */ `
INSERT INTO categories (category_id, title, assignable)
SELECT DISTINCT s.category_id, 'Category ' || s.category_id, false
FROM ${S} s
WHERE NOT EXISTS (SELECT FROM categories c WHERE c.category_id = s.category_id)
ON CONFLICT (category_id) DO NOTHING`;

// A chunk's new channels, so its videos can reference them; their titles are settled at the end.
// The anti-join first: after the first chunks almost every channel exists, and sorting only the
// records of new ones skips a sort of the whole chunk (the categories above likewise). ON
// CONFLICT stays for a channel another load inserts meanwhile.
const NEW_CHANNELS = /* sql */ `
INSERT INTO channels (channel_id, title, id_derived)
SELECT DISTINCT ON (s.channel_id) s.channel_id, s.channel_title, s.id_derived
FROM ${S} s
WHERE NOT EXISTS (SELECT FROM channels c WHERE c.channel_id = s.channel_id)
ORDER BY s.channel_id, s.day DESC, s.line DESC
ON CONFLICT (channel_id) DO NOTHING`;

const KEEP_KEYS = /* sql */ `INSERT INTO ${K} (${STAGED_KEY_COLUMNS}) SELECT ${STAGED_KEY_COLUMNS} FROM ${S}`;

// Each channel's latest record (newest day, then last line) found by two hash aggregates over
// the kept keys rather than DISTINCT ON, which sorts every record of the file (a 1 M-row file
// spilled that sort to disk: 2.5 to 5 s). Lines are unique in a file, so (channel, line) names
// one record.
const UPSERT_CHANNELS = /* sql */ `
WITH newest_day AS (
  SELECT channel_id, max(day) AS day FROM ${K} GROUP BY channel_id
), latest AS (
  SELECT k.channel_id, max(k.line) AS line
  FROM ${K} k JOIN newest_day USING (channel_id, day)
  GROUP BY k.channel_id
)
INSERT INTO channels (channel_id, title, id_derived)
SELECT k.channel_id, k.channel_title, k.id_derived
FROM ${K} k JOIN latest USING (channel_id, line)
ON CONFLICT (channel_id) DO UPDATE
SET title = excluded.title, id_derived = excluded.id_derived, updated_at = now()
WHERE (channels.title, channels.id_derived) IS DISTINCT FROM (excluded.title, excluded.id_derived)`;

// A video's descriptive fields and latest counts come from its newest snapshot; a file with
// older days than the database already holds leaves them alone (videos.stats_day guards it).
// The newest record is picked by line (unique in a file) so the sort carries three narrow
// columns instead of whole records with their descriptions.
const UPSERT_VIDEOS = /* sql */ `
INSERT INTO videos AS v (video_id, channel_id, title, description, published_at, category_id, tags,
  views, likes, dislikes, comments, comments_disabled, ratings_disabled, removed, stats_day)
SELECT s.video_id, s.channel_id, s.title, s.description, s.published_at, s.category_id, s.tags,
  s.views, s.likes, s.dislikes, s.comments, s.comments_disabled, s.ratings_disabled, s.removed, s.day
FROM ${S} s
JOIN (SELECT DISTINCT ON (video_id) line FROM ${S} ORDER BY video_id, day DESC, line DESC) latest USING (line)
ON CONFLICT (video_id) DO UPDATE SET
  channel_id = excluded.channel_id, title = excluded.title, description = excluded.description,
  published_at = excluded.published_at, category_id = excluded.category_id, tags = excluded.tags,
  views = excluded.views, likes = excluded.likes, dislikes = excluded.dislikes,
  comments = excluded.comments, comments_disabled = excluded.comments_disabled,
  ratings_disabled = excluded.ratings_disabled, removed = excluded.removed,
  stats_day = excluded.stats_day, updated_at = now()
WHERE v.stats_day IS NULL OR excluded.stats_day > v.stats_day OR (excluded.stats_day = v.stats_day AND
  (v.channel_id, v.title, v.description, v.published_at, v.category_id, v.tags, v.views, v.likes,
   v.dislikes, v.comments, v.comments_disabled, v.ratings_disabled, v.removed)
  IS DISTINCT FROM (excluded.channel_id, excluded.title, excluded.description, excluded.published_at,
   excluded.category_id, excluded.tags, excluded.views, excluded.likes, excluded.dislikes,
   excluded.comments, excluded.comments_disabled, excluded.ratings_disabled, excluded.removed))`;

const UPSERT_SNAPSHOTS = /* sql */ `
INSERT INTO video_daily_stats AS d (video_id, day, views, likes, dislikes, comments)
SELECT DISTINCT ON (video_id, day) video_id, day, views, likes, dislikes, comments
FROM ${S}
ORDER BY video_id, day, line DESC
ON CONFLICT (video_id, day) DO UPDATE
SET views = excluded.views, likes = excluded.likes, dislikes = excluded.dislikes, comments = excluded.comments
WHERE (d.views, d.likes, d.dislikes, d.comments)
  IS DISTINCT FROM (excluded.views, excluded.likes, excluded.dislikes, excluded.comments)`;

// New snapshots (a first load, or days after the last one loaded) need no upsert: a plain INSERT
// skips ON CONFLICT's speculative insertion (1,000,000 snapshots on PostgreSQL 15: 3.1 s against
// 4.4 s), as the tracker import does (trackerSnapshotWrites.ts). Which one a chunk needs is
// snapshotOverlap.ts's answer.
const INSERT_SNAPSHOTS = /* sql */ `
INSERT INTO video_daily_stats (video_id, day, views, likes, dislikes, comments)
SELECT DISTINCT ON (video_id, day) video_id, day, views, likes, dislikes, comments
FROM ${S}
ORDER BY video_id, day, line DESC`;

/** The chunk's snapshots: inserted when none of their days is there yet, else upserted. */
async function writeSnapshots(session: BulkSession, overlap: SnapshotOverlap): Promise<void> {
  await session.query((await overlap.mayOverlap(session)) ? UPSERT_SNAPSHOTS : INSERT_SNAPSHOTS);
}

// Snapshots of this file's videos whose views are below the previous snapshot's (in the whole
// database, so a file that overlaps an earlier one is checked against it too).
const BACKWARD_VIEWS = /* sql */ `
WITH touched AS (SELECT DISTINCT video_id FROM ${K}),
ordered AS (
  SELECT d.video_id, d.day, d.views,
    lag(d.day) OVER w AS previous_day, lag(d.views) OVER w AS previous_views
  FROM video_daily_stats d JOIN touched USING (video_id)
  WINDOW w AS (PARTITION BY d.video_id ORDER BY d.day)
)
SELECT o.video_id, o.day::text AS day, o.views::text AS views, o.previous_day::text AS previous_day,
  o.previous_views::text AS previous_views,
  (SELECT min(s.line) FROM ${K} s WHERE s.video_id = o.video_id AND s.day = o.day)::int AS line
FROM ordered o
WHERE o.views < o.previous_views
ORDER BY line NULLS LAST, o.video_id, o.day`;

const DUPLICATES = /* sql */ `
SELECT video_id, day::text AS day, (array_agg(line ORDER BY line))::text AS lines
FROM ${K} GROUP BY video_id, day HAVING count(*) > 1 ORDER BY min(line)`;

const STAGED_SUMMARY = /* sql */ `
SELECT count(*)::int AS rows, count(DISTINCT video_id)::int AS videos,
  count(DISTINCT channel_id)::int AS channels, count(DISTINCT day)::int AS days,
  min(day)::text AS first_day, max(day)::text AS last_day
FROM ${K}`;

/** The summary counted by the database, for a file with too many videos to count in memory. */
async function countStaged(session: BulkSession): Promise<StagedSummary> {
  const [s] = await session.query(STAGED_SUMMARY);
  return {
    rows: Number(s!.rows),
    videos: Number(s!.videos),
    channels: Number(s!.channels),
    days: Number(s!.days),
    firstDay: (s!.first_day as string | null) ?? null,
    lastDay: (s!.last_day as string | null) ?? null,
    mayRepeat: true,
  };
}

export interface LoadWarning {
  readonly line: number | null;
  readonly message: string;
}

export interface MergeSummary extends Omit<StagedSummary, 'mayRepeat'> {
  readonly warnings: LoadWarning[];
}

export interface TrendingMergeSummary extends MergeSummary {
  /** Channels whose rollups were recomputed from their snapshots at the end (rollupUpkeep.ts); 0: kept by the trigger. */
  readonly rollupsRebuilt: number;
}

/** What a load decided once, before its first chunk, about how each chunk's snapshots are written. */
export interface ChunkPlan {
  readonly rollups: RollupUpkeep;
  readonly overlap: SnapshotOverlap;
}

/**
 * Merges the chunk in the staging table into categories, channels (new ones), videos and
 * video_daily_stats (the rollups as `plan.rollups` decides, insert or upsert as `plan.overlap`
 * says), and keeps its keys for finishMerge. Foreign-key checks must already be off
 * where the role allows it (skipForeignKeyChecks, once per transaction).
 */
export async function mergeChunk(session: BulkSession, plan: ChunkPlan, rowsSoFar: number): Promise<void> {
  await session.query(PLACEHOLDER_CATEGORIES);
  await session.query(NEW_CHANNELS);
  await session.query(UPSERT_VIDEOS);
  await plan.rollups.writeSnapshots(session, rowsSoFar, () => writeSnapshots(session, plan.overlap));
  await session.query(KEEP_KEYS);
}

/**
 * Finishes the merge of a whole file after its last chunk: channel titles from each channel's
 * latest record, duplicates (only when a (video, day) may repeat) and views going down.
 * `counted` is what the loader counted while staging (StagedSummaryCounter), or undefined to
 * count here.
 */
export async function finishMerge(
  session: BulkSession,
  counted: StagedSummary | undefined,
  rollups: RollupUpkeep,
): Promise<TrendingMergeSummary> {
  const staged = counted ?? (await countStaged(session));
  const warnings: LoadWarning[] = [];
  for (const d of staged.mayRepeat ? await session.query(DUPLICATES) : []) {
    const lines = String(d.lines).replace(/[{}]/g, '').split(',');
    warnings.push({
      line: Number(lines.at(-1)),
      message: `video ${d.video_id} appears ${lines.length} times on ${d.day} (lines ${lines.join(', ')}); the last one is kept`,
    });
  }
  await session.query(UPSERT_CHANNELS);
  const rollupsRebuilt = await rollups.finish(session);
  for (const b of await session.query(BACKWARD_VIEWS)) {
    warnings.push({
      line: b.line === null ? null : Number(b.line),
      message: `video ${b.video_id} has fewer views on ${b.day} (${b.views}) than on ${b.previous_day} (${b.previous_views}); kept as recorded`,
    });
  }
  const { mayRepeat: _, ...summary } = staged;
  return { ...summary, warnings, rollupsRebuilt };
}
