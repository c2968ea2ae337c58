import { param } from '../sql/param.ts';
import type { SqlExecutor } from '../sql/SqlClient.ts';

export const INGEST_LOCK = 'ingest';

/**
 * Takes the `ingest` lease in job_locks until `expiresAt`, unless someone else holds an
 * unexpired one. Returns whether this holder now has it.
 */
export async function acquireIngestLock(
  sql: SqlExecutor,
  holder: string,
  now: Date,
  expiresAt: Date,
): Promise<boolean> {
  const { rowCount } = await sql.query(
    `INSERT INTO job_locks AS l (name, holder, acquired_at, expires_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder, acquired_at = EXCLUDED.acquired_at,
       expires_at = EXCLUDED.expires_at
     WHERE l.expires_at <= EXCLUDED.acquired_at OR l.holder = EXCLUDED.holder`,
    [INGEST_LOCK, holder, param.timestamp(now), param.timestamp(expiresAt)],
  );
  return rowCount > 0;
}

/** Gives the lease back (only if this holder still has it). */
export async function releaseIngestLock(sql: SqlExecutor, holder: string): Promise<void> {
  await sql.query('DELETE FROM job_locks WHERE name = $1 AND holder = $2', [INGEST_LOCK, holder]);
}
