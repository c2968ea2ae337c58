import type { Readable } from 'node:stream';
import type { SqlClient } from '../sql/SqlClient.ts';
import { openBulkSession } from './bulkSession.ts';
import { type Category, upsertCategories } from './categories.ts';
import type { CopyValue } from './copyText.ts';
import { BadRecordError } from './errors.ts';
import { type LoadWarning, type MergeSummary, mergeStaging } from './mergeStaging.ts';
import { readTrendingRecords } from './readTrendingRecords.ts';
import { StagedSummaryCounter } from './stagedSummary.ts';
import { CREATE_STAGING, STAGING_COLUMNS, STAGING_TABLE, stagingValues } from './stagingTable.ts';
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
  readonly phase: 'reading' | 'merging' | 'done';
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
}

export interface LoadTrendingFileResult {
  readonly file: string;
  readonly format: TrendingFormatName;
  /** Good records loaded. */
  readonly rows: number;
  readonly videos: number;
  readonly channels: number;
  readonly days: number;
  readonly firstDay: string | null;
  readonly lastDay: string | null;
  readonly skipped: BadRecord[];
  readonly warnings: LoadWarning[];
}

/**
 * Loads one Kaggle trending CSV (either format) from a byte stream, in one transaction: the
 * records are COPYed into a temporary staging table as they stream in, then merged with a few
 * set-based upserts. Any failure (a bad record in strict mode, a broken file, the database)
 * rolls the whole file back, so nothing of it is kept.
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
  let merged: MergeSummary;
  try {
    await session.query(CREATE_STAGING);
    await session.copy(STAGING_TABLE, STAGING_COLUMNS, goodRows(), () =>
      onProgress({ file, rows: read, phase: 'reading' }),
    );
    onProgress({ file, rows: read, phase: 'merging' });
    await upsertCategories(session, options.categories ?? []);
    merged = await mergeStaging(session, staged.summary());
    await session.commit();
  } catch (error) {
    await session.rollback();
    throw error;
  }
  // Fresh statistics for the planner: PGlite has no autovacuum to gather them, and on a server
  // the refresh may run before autovacuum does (see generateDataset). ANALYZE samples a fixed
  // number of rows, so this costs about the same for any table size (2 s at 30 M snapshots).
  await client.query('ANALYZE channels, videos, video_daily_stats');
  onProgress({ file, rows: read, phase: 'done' });
  return { file, format: format.name, ...merged, skipped };
}
