import type { SqlExecutor } from '../../db/sql/SqlClient.ts';

/** The job_locks row the refresh holds while it runs. */
export const REFRESH_LOCK = 'refresh';

// A plain row with an expiry instead of a session advisory lock: the Data API has no session that
// outlives one call, and a holder that dies simply lets its lease run out. Time is the database's
// clock, so invocations on different hosts agree on it.
const ACQUIRE_SQL = /* sql */ `
INSERT INTO job_locks AS l (name, holder, acquired_at, expires_at)
VALUES ($1, $2, now(), now() + make_interval(secs => $3))
ON CONFLICT (name) DO UPDATE
  SET holder = EXCLUDED.holder, acquired_at = EXCLUDED.acquired_at, expires_at = EXCLUDED.expires_at
  WHERE l.expires_at < now() OR l.holder = EXCLUDED.holder
RETURNING holder`;

const RENEW_SQL = /* sql */ `
UPDATE job_locks SET expires_at = now() + make_interval(secs => $3)
WHERE name = $1 AND holder = $2 AND expires_at >= now()`;

const RELEASE_SQL = /* sql */ `DELETE FROM job_locks WHERE name = $1 AND holder = $2`;

const HOLDER_SQL = /* sql */ `SELECT holder, expires_at FROM job_locks WHERE name = $1`;

/** Takes the lease when it is free or expired. Resolves to whether this holder now has it. */
export async function acquireLease(db: SqlExecutor, name: string, holder: string, seconds: number) {
  const { rows } = await db.query<{ holder: string }>(ACQUIRE_SQL, [name, holder, seconds]);
  return rows[0]?.holder === holder;
}

/** Extends the lease; false when this holder no longer has it (it expired and someone took it). */
export async function renewLease(db: SqlExecutor, name: string, holder: string, seconds: number) {
  const { rowCount } = await db.query(RENEW_SQL, [name, holder, seconds]);
  return rowCount === 1;
}

/** Gives the lease up (only if this holder has it). */
export async function releaseLease(db: SqlExecutor, name: string, holder: string): Promise<void> {
  await db.query(RELEASE_SQL, [name, holder]);
}

/** Who holds the lease now, for the "already running" message. */
export async function leaseHolder(db: SqlExecutor, name: string) {
  const { rows } = await db.query<{ holder: string; expires_at: Date }>(HOLDER_SQL, [name]);
  return rows[0] ?? null;
}
