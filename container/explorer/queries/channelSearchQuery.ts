import type { SqlExecutor } from '../../../db/sql/SqlClient.ts';
import type { ChannelOption } from '../../shared/protocol.ts';

/** Escapes LIKE's wildcards so that a typed `%` or `_` matches itself. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}

const SEARCH_LIMIT = 20;

/**
 * Channels whose title contains the text (case-insensitive), the largest first; with no text,
 * the largest channels. A scan of `channels`, which holds thousands of rows, not millions.
 */
export async function channelSearchQuery(db: SqlExecutor, text: string): Promise<ChannelOption[]> {
  const { rows } = await db.query<{
    channel_id: string;
    title: string;
    subscribers: number | null;
    videos: number;
  }>(
    `SELECT c.channel_id, c.title, c.subscriber_count::float8 AS subscribers,
            (SELECT count(*)::int FROM videos v WHERE v.channel_id = c.channel_id) AS videos
     FROM channels c
     WHERE c.title ILIKE '%' || $1 || '%' ESCAPE '\\'
     ORDER BY c.subscriber_count DESC NULLS LAST, c.title, c.channel_id
     LIMIT $2`,
    [escapeLike(text.trim()), SEARCH_LIMIT],
  );
  return rows.map((r) => ({
    channelId: r.channel_id,
    title: r.title,
    subscribers: r.subscribers,
    videos: r.videos,
  }));
}

/** Titles of the given channels, for the chips of a selection that came from a link. */
export async function channelTitlesQuery(
  db: SqlExecutor,
  ids: readonly string[],
): Promise<Record<string, string>> {
  if (!ids.length) return {};
  const { rows } = await db.query<{ channel_id: string; title: string }>(
    `SELECT channel_id, title FROM channels
     WHERE channel_id IN (SELECT jsonb_array_elements_text($1::jsonb))`,
    [JSON.stringify(ids)],
  );
  return Object.fromEntries(rows.map((r) => [r.channel_id, r.title]));
}
