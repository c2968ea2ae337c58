// The loaders: Kaggle YouTube trending CSVs (2017 and 2020+ formats) and tracker CSVs (daily
// channel snapshots, video snapshots, channels reference) into the schema.
export type { Category } from './categories.ts';
export { findCategoryFile, parseCategoryList, readCategoryFile } from './categories.ts';
export { deriveChannelId } from './deriveChannelId.ts';
export { BadRecordError, CategoryFileError, LoadError } from './errors.ts';
export type { LoadFileResult } from './loadFile.ts';
export { loadFile } from './loadFile.ts';
export type { BadRecord, ChunkedLoadOptions, LoadProgress } from './loadInChunks.ts';
export type { LoadTrackerFileResult } from './loadTrackerFile.ts';
export type { LoadTrendingFileOptions, LoadTrendingFileResult } from './loadTrendingFile.ts';
export { loadTrendingFile } from './loadTrendingFile.ts';
export type { LoadWarning } from './mergeStaging.ts';
export { openTrendingFile } from './openTrendingFile.ts';
export type { CsvFormat, CsvRecord } from './readCsvRecords.ts';
export { readTrendingRecords } from './readTrendingRecords.ts';
export type { TrendingRow } from './TrendingRow.ts';
export type { TrackerFormatName } from './trackerFormats.ts';
export { trackerFormats } from './trackerFormats.ts';
export { detectFormat, trendingFormats } from './trendingFormats.ts';
