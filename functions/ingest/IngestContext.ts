import type { SqlClient } from '../../db/sql/SqlClient.ts';
import type { QuotaMeter } from './quotaMeter.ts';
import type { RequestHooks, YouTubeApi } from './youtube/YouTubeApi.ts';

/** The logging the ingest needs; Powertools' Logger and the CLI both fit it. */
export interface IngestLogger {
  info(message: string, extra?: Record<string, unknown>): void;
  warn(message: string, extra?: Record<string, unknown>): void;
}

export const silentLogger: IngestLogger = { info() {}, warn() {} };

/** Progress of a run in quota units (one per API call). */
export interface IngestProgress {
  readonly done: number;
  readonly total: number;
  readonly unit: 'units';
  readonly detail: string;
}

/** Counters a run reports. */
export interface IngestCounters {
  channelsUpdated: number;
  videosDiscovered: number;
  videosUpdated: number;
  videosRemoved: number;
  shorts: number;
}

/** What the steps of one run share. */
export interface IngestContext {
  readonly sql: SqlClient;
  readonly youtube: YouTubeApi;
  readonly hooks: RequestHooks;
  readonly meter: QuotaMeter;
  readonly now: Date;
  /** Snapshot day (UTC date). */
  readonly day: string;
  /** Quota day (Pacific date). */
  readonly quotaDay: string;
  readonly logger: IngestLogger;
  readonly counters: IngestCounters;
  /** Category ids present in the categories table (grows as the run fetches more). */
  readonly categories: Set<number>;
  /** Category ids already asked for this run, found or not. */
  readonly categoriesAsked: Set<number>;
  /** Video ids fetched by this run: each is fetched at most once. */
  readonly fetched: Set<string>;
  progress(detail: string): void;
}
