import type { Readable } from 'node:stream';
import type { SqlClient } from '../sql/SqlClient.ts';
import { type LoadTrackerFileResult, loadTrackerRecords } from './loadTrackerFile.ts';
import {
  type LoadTrendingFileOptions,
  type LoadTrendingFileResult,
  loadTrendingRecords,
} from './loadTrendingFile.ts';
import { type CsvRecord, readCsvRecords } from './readCsvRecords.ts';
import type { TrendingRow } from './TrendingRow.ts';
import type { TrackerFormat, TrackerRow } from './trackerFormats.ts';
import { trackerFormats } from './trackerFormats.ts';
import { type TrendingFormat, trendingFormats } from './trendingFormats.ts';

export type LoadFileResult = LoadTrendingFileResult | LoadTrackerFileResult;

const trending = new Set<unknown>(trendingFormats);
const formats: readonly (TrendingFormat | TrackerFormat<TrackerRow>)[] = [
  ...trendingFormats,
  ...trackerFormats,
];

/**
 * Loads any CSV file tubelens knows, picked by its header: a Kaggle trending file (2017 or 2020+)
 * or a tracker file (daily channel snapshots, video snapshots, the channels reference). Each is
 * loaded in one transaction; a file in no known format is rejected before anything is written,
 * with every expected header in the message.
 */
export async function loadFile(
  client: SqlClient,
  bytes: Readable,
  options: LoadTrendingFileOptions,
): Promise<LoadFileResult> {
  const { format, records } = await readCsvRecords(bytes, options.file, formats, {
    notA: 'in no format tubelens loads',
    expected: 'a Kaggle trending or tracker CSV with a header line',
  });
  if (trending.has(format)) {
    return loadTrendingRecords(
      client,
      format as TrendingFormat,
      records as AsyncIterable<CsvRecord<TrendingRow>>,
      options,
    );
  }
  return loadTrackerRecords(
    client,
    format as TrackerFormat<TrackerRow>,
    records as AsyncIterable<CsvRecord<TrackerRow>>,
    options,
  );
}
