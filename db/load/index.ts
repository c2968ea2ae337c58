// The trending-file loader: Kaggle YouTube trending CSVs (2017 and 2020+ formats) into the schema.
export type { Category } from './categories.ts';
export { findCategoryFile, parseCategoryList, readCategoryFile } from './categories.ts';
export { deriveChannelId } from './deriveChannelId.ts';
export { BadRecordError, CategoryFileError, LoadError } from './errors.ts';
export type {
  BadRecord,
  LoadProgress,
  LoadTrendingFileOptions,
  LoadTrendingFileResult,
} from './loadTrendingFile.ts';
export { loadTrendingFile } from './loadTrendingFile.ts';
export type { LoadWarning } from './mergeStaging.ts';
export { openTrendingFile } from './openTrendingFile.ts';
export { readTrendingRecords } from './readTrendingRecords.ts';
export type { TrendingRow } from './TrendingRow.ts';
export { detectFormat, trendingFormats } from './trendingFormats.ts';
