import { querySnapshotSpanDays } from '../../../db/reports/index.ts';
import type { SqlExecutor } from '../../../db/sql/SqlClient.ts';

/**
 * Above this many snapshot rows (videos × days of snapshots) a full refresh fans out on Step
 * Functions instead of running in one invocation. Derived in docs/refresh.md ("The threshold")
 * from the bench's measurements: a run of this size at the largest measured cost per row would use
 * about half of Lambda's 900 s, leaving the rest for a slower or busier database.
 */
export const FAN_OUT_ABOVE_SNAPSHOT_ROWS = 150_000_000;

const VIDEOS_SQL = /* sql */ `SELECT count(*)::int AS videos FROM videos`;

export interface RefreshEstimate {
  readonly videos: number;
  readonly snapshotDays: number;
  /** What the per-channel statements read at most: every video's snapshot on every day. */
  readonly snapshotRows: number;
}

/** Sizes a full refresh from two cheap statements (a count over videos' primary key and the span). */
export async function estimateRefresh(sql: SqlExecutor): Promise<RefreshEstimate> {
  const { rows } = await sql.query<{ videos: number }>(VIDEOS_SQL);
  const videos = rows[0]?.videos ?? 0;
  const snapshotDays = await querySnapshotSpanDays(sql);
  return { videos, snapshotDays, snapshotRows: videos * snapshotDays };
}

/** Whether a run of this size should fan out (`threshold`: snapshot rows; tests and the CLI set it). */
export function shouldFanOut(estimate: RefreshEstimate, threshold = FAN_OUT_ABOVE_SNAPSHOT_ROWS): boolean {
  return estimate.snapshotRows > threshold;
}
