import { param } from '../sql/param.ts';
import type { SqlExecutor } from '../sql/SqlClient.ts';

export interface QuotaUsage {
  readonly unitsUsed: number;
  /** When the API last answered quotaExceeded on this quota day, if it did. */
  readonly exhaustedAt: Date | null;
}

/** Units spent on a Pacific quota day ('YYYY-MM-DD'). */
export async function readQuotaUsage(sql: SqlExecutor, quotaDay: string): Promise<QuotaUsage> {
  const { rows } = await sql.query<{ units_used: number; exhausted_at: Date | null }>(
    'SELECT units_used, exhausted_at FROM ingest_quota_usage WHERE quota_day = $1',
    [param.date(quotaDay)],
  );
  return { unitsUsed: rows[0]?.units_used ?? 0, exhaustedAt: rows[0]?.exhausted_at ?? null };
}

/** Adds spent units to a quota day; with `exhaustedAt`, also records that the API said stop. */
export async function addQuotaUnits(
  sql: SqlExecutor,
  quotaDay: string,
  units: number,
  exhaustedAt: Date | null = null,
): Promise<void> {
  if (units === 0 && exhaustedAt === null) return;
  await sql.query(
    `INSERT INTO ingest_quota_usage AS q (quota_day, units_used, exhausted_at) VALUES ($1, $2, $3)
     ON CONFLICT (quota_day) DO UPDATE SET units_used = q.units_used + EXCLUDED.units_used,
       exhausted_at = COALESCE(EXCLUDED.exhausted_at, q.exhausted_at)`,
    [param.date(quotaDay), units, exhaustedAt ? param.timestamp(exhaustedAt) : null],
  );
}
