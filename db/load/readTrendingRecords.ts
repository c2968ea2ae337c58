import type { Readable } from 'node:stream';
import { type CsvRecord, readCsvRecords } from './readCsvRecords.ts';
import type { TrendingRow } from './TrendingRow.ts';
import { type TrendingFormat, trendingFormats } from './trendingFormats.ts';

/** A record read from a trending file: a good row, or a bad one with the reason. */
export type TrendingRecord = CsvRecord<TrendingRow>;

export interface TrendingRecords {
  readonly format: TrendingFormat;
  readonly records: AsyncIterable<TrendingRecord>;
}

/** What a file that is no trending CSV is called in messages. */
export const TRENDING_TEXT = {
  notA: 'neither Kaggle trending format',
  expected: 'a Kaggle trending CSV with a header line',
};

/**
 * Reads a Kaggle trending CSV as a stream of records (see readCsvRecords): the header picks the
 * format, the 2017 tags' bare quotes and the truncated 2020 copy's open quote are read as
 * csv-parse with relax_quotes did.
 */
export function readTrendingRecords(bytes: Readable, file: string): Promise<TrendingRecords> {
  return readCsvRecords(bytes, file, trendingFormats, TRENDING_TEXT);
}
