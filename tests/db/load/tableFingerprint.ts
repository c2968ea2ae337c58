import type { SqlExecutor } from '../../../db/sql/SqlClient.ts';

/** An md5 of every row of every loaded table (timestamps included), to compare database states. */
export async function tableFingerprint(db: SqlExecutor): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [table, key] of [
    ['categories', 'category_id'],
    ['channels', 'channel_id'],
    ['videos', 'video_id'],
    ['video_daily_stats', 'video_id, day'],
    ['channel_daily_stats', 'channel_id, day'],
  ] as const) {
    const { rows } = await db.query<{ digest: string | null; n: number }>(
      `SELECT md5(string_agg(t::text, '|' ORDER BY ${key})) AS digest, count(*)::int AS n FROM ${table} t`,
    );
    out[table] = `${rows[0]!.n}:${rows[0]!.digest ?? ''}`;
  }
  return out;
}
