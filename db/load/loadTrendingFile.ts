import type { Readable } from 'node:stream';
import type { SqlClient } from '../sql/SqlClient.ts';
import type { BulkSession } from './bulkSession.ts';
import { type Category, upsertCategories } from './categories.ts';
import { type BadRecord, type ChunkedLoadOptions, loadInChunks } from './loadInChunks.ts';
import { type ChunkPlan, finishMerge, mergeChunk, type TrendingMergeSummary } from './mergeStaging.ts';
import { readTrendingRecords, type TrendingRecord } from './readTrendingRecords.ts';
import { planRollupUpkeep } from './rollupUpkeep.ts';
import { skipForeignKeyChecks } from './skipForeignKeyChecks.ts';
import { planSnapshotOverlap } from './snapshotOverlap.ts';
import { StagedSummaryCounter } from './stagedSummary.ts';
import {
  CREATE_STAGED_KEYS,
  CREATE_STAGING,
  STAGING_COLUMNS,
  STAGING_TABLE,
  stagingValues,
} from './stagingTable.ts';
import type { TrendingFormat, TrendingFormatName } from './trendingFormats.ts';

export type { BadRecord, LoadProgress } from './loadInChunks.ts';

export interface LoadTrendingFileOptions extends ChunkedLoadOptions {
  /** Categories from the matching category JSON; none means "Category N" placeholders. */
  readonly categories?: readonly Category[];
  /** Videos counted in memory while staging (default MAX_VIDEOS_COUNTED); beyond, SQL counts. */
  readonly maxVideosCounted?: number;
}

/** Replaces the staging table's rows with one chunk and merges it. */
async function stageAndMerge(
  session: BulkSession,
  blocks: readonly Uint8Array[],
  plan: ChunkPlan,
  rowsSoFar: number,
): Promise<void> {
  await session.query(`TRUNCATE ${STAGING_TABLE}`);
  await session.copyText(STAGING_TABLE, STAGING_COLUMNS, blocks);
  await mergeChunk(session, plan, rowsSoFar);
}

/** What was loaded (`rows`: good records), with the skipped records and the warnings. */
export interface LoadTrendingFileResult extends TrendingMergeSummary {
  readonly file: string;
  readonly format: TrendingFormatName;
  readonly skipped: BadRecord[];
}

/**
 * Loads one Kaggle trending CSV (either format) from a byte stream, in one transaction: the
 * records are COPYed into a temporary staging table in chunks as they stream in, and each chunk is
 * merged with a few set-based upserts while the next is read; a last step settles what needs the
 * whole file (channel titles, duplicates, views going down). Any failure (a bad record in strict
 * mode, a broken file, the database) rolls the whole file back, so nothing of it is kept.
 */
export async function loadTrendingFile(
  client: SqlClient,
  bytes: Readable,
  options: LoadTrendingFileOptions,
): Promise<LoadTrendingFileResult> {
  const { format, records } = await readTrendingRecords(bytes, options.file);
  return loadTrendingRecords(client, format, records, options);
}

/** loadTrendingFile once the header is read (loadFile reads it to pick the kind of file). */
export async function loadTrendingRecords(
  client: SqlClient,
  format: TrendingFormat,
  records: AsyncIterable<TrendingRecord>,
  options: LoadTrendingFileOptions,
): Promise<LoadTrendingFileResult> {
  const staged = new StagedSummaryCounter(options.maxVideosCounted);
  let rows = 0;
  let plan: ChunkPlan | undefined;
  const { summary, skipped } = await loadInChunks(
    client,
    records,
    {
      async prepare(session) {
        await session.query(CREATE_STAGING);
        await session.query(CREATE_STAGED_KEYS);
        await upsertCategories(session, options.categories ?? []);
        await skipForeignKeyChecks(session);
        plan = {
          rollups: await planRollupUpkeep(session),
          overlap: await planSnapshotOverlap(session, () => staged.repeatedSoFar()),
        };
      },
      toValues(row) {
        staged.add(row);
        rows += 1;
        return stagingValues(row);
      },
      // rows: read so far, the chunk being merged and part of the next (it is read meanwhile).
      mergeChunk: (session, blocks) => stageAndMerge(session, blocks, plan!, rows),
      finish: (session) => finishMerge(session, staged.summary(), plan!.rollups),
      analyze: 'channels, videos, video_daily_stats',
    },
    options,
  );
  return { file: options.file, format: format.name, ...summary, skipped };
}
