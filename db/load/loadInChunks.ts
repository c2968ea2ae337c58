import { LOCK_ROLLUPS_SQL } from '../rollups/lockRollups.ts';
import type { SqlClient } from '../sql/SqlClient.ts';
import { type BulkSession, openBulkSession } from './bulkSession.ts';
import { type CopyValue, copyLine } from './copyText.ts';
import { BadRecordError } from './errors.ts';
import { takeLoadLock } from './loadLock.ts';
import type { CsvRecord } from './readCsvRecords.ts';

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

/** How any file is read into the database: strictness, progress and chunk size. */
export interface ChunkedLoadOptions {
  /** The name used in messages (usually the path). */
  readonly file: string;
  /** Load the good records and report the bad ones, instead of stopping at the first. */
  readonly skipBadRows?: boolean;
  readonly onProgress?: (progress: LoadProgress) => void;
  /** Called for every skipped record as it is found (only with skipBadRows). */
  readonly onBadRecord?: (bad: BadRecord) => void;
  /** COPY text per chunk merged while the next is read (default CHUNK_BYTES; tests use tiny ones). */
  readonly chunkBytes?: number;
}

/** What one kind of file does at each step of a chunked load (see loadInChunks). */
export interface ChunkedLoadSteps<Row, Summary> {
  /** Runs once inside the transaction before the first chunk: staging tables, reference data. */
  prepare(session: BulkSession): Promise<void>;
  /** A good row as the values of one staging line (may also count it). */
  toValues(row: Row): CopyValue[];
  /** Replaces the staging table's rows with one chunk of COPY text and merges it. */
  mergeChunk(session: BulkSession, blocks: readonly Uint8Array[]): Promise<void>;
  /** Runs after the last chunk, still inside the transaction: what needs the whole file. */
  finish(session: BulkSession): Promise<Summary>;
  /** Tables to ANALYZE once committed, e.g. `channels, channel_daily_stats`. */
  readonly analyze: string;
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

/**
 * Loads one file's records in one transaction: the good rows are turned into COPY text as they
 * stream in, gathered into chunks, and each chunk is staged and merged (`steps.mergeChunk`) while
 * JavaScript reads the next; `steps.finish` settles what needs the whole file. Any failure (a bad
 * record in strict mode, a broken file, the database) rolls the whole file back, so nothing of
 * it is kept. Statistics are refreshed after the commit.
 */
export async function loadInChunks<Row, Summary>(
  client: SqlClient,
  records: AsyncIterable<CsvRecord<Row>>,
  steps: ChunkedLoadSteps<Row, Summary>,
  options: ChunkedLoadOptions,
): Promise<{ summary: Summary; skipped: BadRecord[] }> {
  const { file, skipBadRows = false, onProgress = () => {}, onBadRecord = () => {} } = options;
  const skipped: BadRecord[] = [];
  let read = 0;
  async function* goodRows(): AsyncGenerator<CopyValue[]> {
    for await (const record of records) {
      read += 1;
      if (record.kind === 'row') {
        yield steps.toValues(record.row);
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
  let summary: Summary;
  // The chunk being COPYed and merged: it runs on the server while JavaScript reads the next one.
  let merging: Promise<void> = Promise.resolve();
  try {
    await takeLoadLock(session, () => onProgress({ file, rows: 0, phase: 'waiting' }));
    // Lock order: the load lock, then the rollups' writer lock, then rows. Taken now rather than
    // by the first snapshot statement's trigger, which would hold row locks of channels and
    // videos by then: an ingest holding the lock and waiting for one of those rows would deadlock
    // with this load. Every load takes it (a channel file writes no video snapshots) so that the
    // order is one and the same; the ingest waits for a load's commit either way.
    await session.query(LOCK_ROLLUPS_SQL);
    await steps.prepare(session);
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
      merging = steps.mergeChunk(session, chunk);
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
    summary = await steps.finish(session);
    await session.commit();
  } catch (error) {
    await merging.catch(() => {});
    await session.rollback();
    throw error;
  }
  // Fresh statistics for the planner: the refresh may run before autovacuum does (see
  // generateDataset). ANALYZE samples a fixed number of rows, so this costs about the same for
  // any table size (2 s at 30 M snapshots).
  await client.query(`ANALYZE ${steps.analyze}`);
  onProgress({ file, rows: read, phase: 'done' });
  return { summary, skipped };
}
