import { param } from '../../db/sql/param.ts';
import type { SqlExecutor } from '../../db/sql/SqlClient.ts';

export type RefreshKind = 'full' | 'incremental';

/** Records a run as started; returns its id. */
export async function startRefreshRun(
  db: SqlExecutor,
  kind: RefreshKind,
  generation: string,
): Promise<number> {
  const { rows } = await db.query<{ run_id: number }>(
    `INSERT INTO refresh_runs (kind, generation) VALUES ($1, $2) RETURNING run_id::int`,
    [kind, generation],
  );
  return rows[0]!.run_id;
}

const ABANDONED =
  'abandoned: the run stopped before it finished (killed, timed out or crashed); it published nothing';

/**
 * Records every other run still `running` as failed: called by a run that has just taken the
 * lease, which no live run can hold at the same time, so those runs have died (a Lambda timeout,
 * a SIGKILL) without writing their end. Resolves to their generations.
 */
export async function failAbandonedRuns(db: SqlExecutor, generation: string): Promise<string[]> {
  const { rows } = await db.query<{ generation: string }>(
    `UPDATE refresh_runs SET status = 'failed', finished_at = now(), error = $2
     WHERE status = 'running' AND generation <> $1
     RETURNING generation`,
    [generation, ABANDONED],
  );
  return rows.map((r) => r.generation);
}

/** Records a run as published. */
export async function finishRefreshRun(
  db: SqlExecutor,
  runId: number,
  result: { dataAsOf: string | null; written: number; unchanged: number },
): Promise<void> {
  await db.query(
    `UPDATE refresh_runs
     SET status = 'succeeded', finished_at = now(), data_as_of = $2::date::timestamptz,
         reports_written = $3, reports_unchanged = $4
     WHERE run_id = $1`,
    [runId, result.dataAsOf === null ? null : param.date(result.dataAsOf), result.written, result.unchanged],
  );
}

/** Records a run as failed with its error message. */
export async function failRefreshRun(db: SqlExecutor, runId: number, error: unknown): Promise<void> {
  await db.query(
    `UPDATE refresh_runs SET status = 'failed', finished_at = now(), error = $2 WHERE run_id = $1`,
    [runId, String((error as Error)?.message ?? error).slice(0, 2000)],
  );
}
