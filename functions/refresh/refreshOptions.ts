import type { SqlClient } from '../../db/sql/SqlClient.ts';
import type { ObjectStore } from './objectStore/ObjectStore.ts';
import type { RefreshKind } from './refreshRuns.ts';

/** Progress of a refresh, in objects. */
export interface RefreshProgress {
  readonly done: number;
  readonly total?: number;
  readonly unit: 'reports';
  readonly detail?: string;
}

/** What the refresh logs through (Powertools' Logger fits; tests pass console or nothing). */
export interface RefreshLog {
  info(message: string, extra?: Record<string, unknown>): void;
  warn(message: string, extra?: Record<string, unknown>): void;
}

export interface RefreshOptions {
  readonly sql: SqlClient;
  readonly store: ObjectStore;
  /** The time the run is stamped with. */
  readonly clock?: () => Date;
  readonly prefix?: string;
  /** `incremental` recomputes only channels whose data changed; `full` recomputes everything. */
  readonly kind?: RefreshKind;
  /** Unreferenced generation objects younger than this are kept (hours). */
  readonly retentionHours?: number;
  /** Object writes in flight at once. */
  readonly concurrency?: number;
  /** Lease length; renewed after every batch. */
  readonly leaseSeconds?: number;
  readonly generation?: string;
  readonly onProgress?: (progress: RefreshProgress) => void;
  readonly log?: RefreshLog;
  /** Test hook: runs after every report object is written and before the manifest is. */
  readonly beforeManifest?: () => Promise<void>;
  /**
   * Growth reports (growth.json and each channel's growth and performance sections); on by
   * default. The bench turns them off to measure what they cost.
   */
  readonly growthReports?: boolean;
  /** Most channels a batch holds (planChannelBatches' maxChannels, 250); tests shrink it. */
  readonly maxChannelsPerBatch?: number;
}

export type PublishedRefresh = {
  readonly status: 'published';
  readonly generation: string;
  readonly kind: RefreshKind;
  readonly dataAsOf: string | null;
  readonly manifestKey: string;
  readonly written: number;
  readonly unchanged: number;
  readonly bytesWritten: number;
  readonly channelsComputed: number;
  readonly deleted: number;
  readonly durationMs: number;
};

export type RefreshResult = PublishedRefresh | { readonly status: 'skipped'; readonly reason: string };

export const refreshDefaults = {
  prefix: 'data/',
  kind: 'incremental' as RefreshKind,
  // A browser tab opened on yesterday's manifest still finds its objects.
  retentionHours: 24,
  // 16 puts in flight keep S3 busy without crowding a 1,024 MB Lambda's sockets.
  concurrency: 16,
  // Renewed every 30 s while a run's invocation lives (withLeaseHeartbeat) and after every
  // batch, so a live run keeps it however long one statement takes, and a killed one blocks the
  // next run for 2 minutes at most. Between a fanned-out run's steps the lease is handed on for
  // longer (runRefreshStep's HANDOVER_LEASE_SECONDS).
  leaseSeconds: 120,
};

/** The options with every default filled in. */
export type ResolvedRefreshOptions = typeof refreshDefaults & RefreshOptions;

export const silentLog: RefreshLog = { info() {}, warn() {} };
