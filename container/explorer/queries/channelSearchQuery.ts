import type { SqlExecutor, SqlParam } from '../../../db/sql/SqlClient.ts';
import type { ChannelOption } from '../../shared/protocol.ts';
import { likeTerms } from './likeTerms.ts';

const SEARCH_LIMIT = 20;

/**
 * Channels whose title contains every word of the text (anywhere, folded like the title search:
 * case, width and accents ignored), the largest first; with no text, the largest channels. A scan
 * of `channels.title_search`, which holds thousands of rows, not millions. Channels of one size
 * (or of no known size, as in trending files) follow their folded titles, so "apple" comes before
 * "Banana" and "Éclair" before "zebra" under any collation: the embedded server sorts by bytes.
 */
export async function channelSearchQuery(db: SqlExecutor, text: string): Promise<ChannelOption[]> {
  const params: SqlParam[] = [SEARCH_LIMIT];
  const conditions = likeTerms(text).map((term) => {
    params.push(term);
    return `c.title_search LIKE '%' || tubelens_search_key($${params.length}) || '%'`;
  });
  const where = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
  const { rows } = await db.query<{
    channel_id: string;
    title: string;
    subscribers: number | null;
    videos: number;
  }>(
    `SELECT c.channel_id, c.title, c.subscriber_count::float8 AS subscribers,
            (SELECT count(*)::int FROM videos v WHERE v.channel_id = c.channel_id) AS videos
     FROM channels c
     ${where}
     ORDER BY c.subscriber_count DESC NULLS LAST, c.title_search, c.title, c.channel_id
     LIMIT $1`,
    params,
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
