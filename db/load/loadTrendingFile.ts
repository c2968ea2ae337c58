import type { Readable } from 'node:stream';
import type { SqlClient } from '../sql/SqlClient.ts';
import { type BulkSession, openBulkSession } from './bulkSession.ts';
import { type Category, upsertCategories } from './categories.ts';
import { type CopyValue, copyLine } from './copyText.ts';
import { BadRecordError } from './errors.ts';
import { takeLoadLock } from './loadLock.ts';
import { finishMerge, type MergeSummary, mergeChunk } from './mergeStaging.ts';
import { readTrendingRecords } from './readTrendingRecords.ts';
import { skipForeignKeyChecks } from './skipForeignKeyChecks.ts';
import { StagedSummaryCounter } from './stagedSummary.ts';
import {
  CREATE_STAGED_KEYS,
  CREATE_STAGING,
  STAGING_COLUMNS,
  STAGING_TABLE,
  stagingValues,
} from './stagingTable.ts';
import type { TrendingFormatName } from './trendingFormats.ts';

export interface BadRecord {
  readonly file: string;
  readonly line: number;
  readonly reason: string;
}

export interface LoadProgress {
  readonly file: string;
  /** Records read so far (good and bad). */
  readonly rows: number;
  /** `waiting`: another load into the same database is running; this one starts when it ends. */
  readonly phase: 'waiting' | 'reading' | 'merging' | 'done';
}

export interface LoadTrendingFileOptions {
  /** The name used in messages (usually the path). */
  readonly file: string;
  /** Categories from the matching category JSON; none means "Category N" placeholders. */
  readonly categories?: readonly Category[];
  /** Load the good records and report the bad ones, instead of stopping at the first. */
  readonly skipBadRows?: boolean;
  readonly onProgress?: (progress: LoadProgress) => void;
  /** Called for every skipped record as it is found (only with skipBadRows). */
  readonly onBadRecord?: (bad: BadRecord) => void;
  /** Videos counted in memory while staging (default MAX_VIDEOS_COUNTED); beyond, SQL counts. */
  readonly maxVideosCounted?: number;
  /** COPY text per chunk merged while the next is read (default CHUNK_BYTES; tests use tiny ones). */
  readonly chunkBytes?: number;
}

/**
 * About 23,000 generated records or 6,000 real ones (1.4 kB each, mostly description) per chunk.
 * Measured at 1,000,000 rows: 8 MB chunks loaded as fast as 32 MB ones (each chunk's sorts fit
 * in work_mem) and 2 MB ones were slower; two chunks are held at a time (one merging, one filling).
 */
export const CHUNK_BYTES = 8 * 2 ** 20;
const PROGRESS_EVERY = 5000;

// COPY text is kept as UTF-8 blocks of about this size: a chunk held as thousands of small
// JavaScript strings (each line a rope of its fields) took several times its size in memory.
const BLOCK_CHARS = 256 * 2 ** 10;

/** Replaces the staging table's rows with one chunk and merges it. */
async function stageAndMerge(session: BulkSession, blocks: readonly Uint8Array[]): Promise<void> {
  await session.query(`TRUNCATE ${STAGING_TABLE}`);
  await session.copyText(STAGING_TABLE, STAGING_COLUMNS, blocks);
  await mergeChunk(session);
}

/** What was loaded (`rows`: good records), with the skipped records and the warnings. */
export interface LoadTrendingFileResult extends MergeSummary {
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
  const { file, skipBadRows = false, onProgress = () => {}, onBadRecord = () => {} } = options;
  const { format, records } = await readTrendingRecords(bytes, file);
  const skipped: BadRecord[] = [];
  const staged = new StagedSummaryCounter(options.maxVideosCounted);
  let read = 0;
  async function* goodRows(): AsyncGenerator<CopyValue[]> {
    for await (const record of records) {
      read += 1;
      if (record.kind === 'row') {
        staged.add(record.row);
        yield stagingValues(record.row);
        continue;
      }
      const bad = { file, line: record.line, reason: record.reason };
      if (!skipBadRows) {
        throw new BadRecordError(
          file,
          record.line,
          `${record.reason} (nothing from this file was loaded; use --skip-bad-rows to load the other records)`,
        );
      }
      skipped.push(bad);
      onBadRecord(bad);
    }
  }

  const session = await openBulkSession(client).catch(async (error: unknown) => {
    await records[Symbol.asyncIterator]().return?.();
    throw error;
  });
  const chunkBytes = options.chunkBytes ?? CHUNK_BYTES;
  let merged: MergeSummary;
  // The chunk being COPYed and merged: it runs on the server while JavaScript reads the next one.
  let merging: Promise<void> = Promise.resolve();
  try {
    await takeLoadLock(session, () => onProgress({ file, rows: 0, phase: 'waiting' }));
    await session.query(CREATE_STAGING);
    await session.query(CREATE_STAGED_KEYS);
    await upsertCategories(session, options.categories ?? []);
    await skipForeignKeyChecks(session);
    let blocks: Uint8Array[] = [];
    let text = '';
    let chunkSize = 0;
    const endBlock = () => {
      const block = Buffer.from(text, 'utf8');
      blocks.push(block);
      chunkSize += block.length;
      text = '';
    };
    const flush = async () => {
      if (text) endBlock();
      const chunk = blocks;
      blocks = [];
      chunkSize = 0;
      await merging;
      merging = stageAndMerge(session, chunk);
      merging.catch(() => {}); // handled where it is awaited: the next flush, or below
    };
    for await (const values of goodRows()) {
      text += copyLine(values);
      if (text.length >= Math.min(BLOCK_CHARS, chunkBytes)) {
        endBlock();
        if (chunkSize >= chunkBytes) await flush();
      }
      if (read % PROGRESS_EVERY === 0) onProgress({ file, rows: read, phase: 'reading' });
    }
    if (text || blocks.length > 0) await flush();
    await merging;
    onProgress({ file, rows: read, phase: 'merging' });
    merged = await finishMerge(session, staged.summary());
    await session.commit();
  } catch (error) {
    await merging.catch(() => {});
    await session.rollback();
    throw error;
  }
  // Fresh statistics for the planner: the refresh may run before autovacuum does (see
  // generateDataset). ANALYZE samples a fixed
  // number of rows, so this costs about the same for any table size (2 s at 30 M snapshots).
  await client.query('ANALYZE channels, videos, video_daily_stats');
  onProgress({ file, rows: read, phase: 'done' });
  return { file, format: format.name, ...merged, skipped };
}
