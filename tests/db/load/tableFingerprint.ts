import type { SqlExecutor } from '../../../db/sql/SqlClient.ts';

/**
 * An md5 of every row of every loaded table, to compare database states: timestamps included, or
 * with `content` only what the data says (without created_at and updated_at, which differ between
 * two loads of the same file into two databases).
 */
export async function tableFingerprint(
  db: SqlExecutor,
  { content = false }: { content?: boolean } = {},
): Promise<Record<string, string>> {
  const row = content ? "(to_jsonb(t) - 'created_at' - 'updated_at')::text" : 't::text';
  const out: Record<string, string> = {};
  for (const [table, key] of [
    ['categories', 'category_id'],
    ['channels', 'channel_id'],
    ['videos', 'video_id'],
    ['video_daily_stats', 'video_id, day'],
    ['channel_daily_stats', 'channel_id, day'],
  ] as const) {
    const { rows } = await db.query<{ digest: string | null; n: number }>(
      `SELECT md5(string_agg(${row}, '|' ORDER BY ${key})) AS digest, count(*)::int AS n FROM ${table} t`,
    );
    out[table] = `${rows[0]!.n}:${rows[0]!.digest ?? ''}`;
  }
  return out;
}
