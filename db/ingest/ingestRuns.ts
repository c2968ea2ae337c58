import { param } from '../sql/param.ts';
import type { SqlExecutor } from '../sql/SqlClient.ts';

export type IngestRunStatus = 'completed' | 'partial' | 'failed';
export type IngestStopReason = 'quota_exceeded' | 'budget_exhausted' | 'time_limit';

export interface IngestRunCounts {
  readonly unitsUsed: number;
  readonly channelsUpdated: number;
  readonly videosDiscovered: number;
  readonly videosUpdated: number;
  readonly videosRemoved: number;
}

/** Opens a run row and returns its id. */
export async function startIngestRun(
  sql: SqlExecutor,
  run: { startedAt: Date; quotaDay: string; unitsPlanned: number; plan: unknown },
): Promise<number> {
  const { rows } = await sql.query<{ run_id: number }>(
    `INSERT INTO ingest_runs (started_at, quota_day, units_planned, plan) VALUES ($1, $2, $3, $4)
     RETURNING run_id::int AS run_id`,
    [param.timestamp(run.startedAt), param.date(run.quotaDay), run.unitsPlanned, param.json(run.plan)],
  );
  const id = rows[0]?.run_id;
  if (id === undefined) throw new Error('ingest_runs insert returned no id');
  return id;
}

/** Closes a run row with its outcome. */
export async function finishIngestRun(
  sql: SqlExecutor,
  runId: number,
  end: IngestRunCounts & {
    finishedAt: Date;
    status: IngestRunStatus;
    stopReason: IngestStopReason | null;
    error: string | null;
  },
): Promise<void> {
  await sql.query(
    `UPDATE ingest_runs SET status = $2, stop_reason = $3, finished_at = $4, units_used = $5,
       channels_updated = $6, videos_discovered = $7, videos_updated = $8, videos_removed = $9, error = $10
     WHERE run_id = $1`,
    [
      runId,
      end.status,
      end.stopReason,
      param.timestamp(end.finishedAt),
      end.unitsUsed,
      end.channelsUpdated,
      end.videosDiscovered,
      end.videosUpdated,
      end.videosRemoved,
      end.error,
    ],
  );
}
