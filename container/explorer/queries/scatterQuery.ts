import type { SqlExecutor, SqlParam } from '../../../db/sql/SqlClient.ts';
import type { ScatterPoint, ViewParts } from '../../shared/protocol.ts';
import type { ViewState } from '../../shared/viewState.ts';
import { videoFilterSql } from './videoFilter.ts';

/** Points drawn at most: past ~2,000 dots a scatter is a blob and the message grows past 100 KB. */
export const SCATTER_LIMIT = 2000;

/** The filtered videos as (publish time, views) points, the most viewed first, and how many match. */
export async function scatterQuery(
  db: SqlExecutor,
  state: Pick<ViewState, 'channels' | 'filters'>,
): Promise<NonNullable<ViewParts['scatter']>> {
  const params: SqlParam[] = [];
  const where = videoFilterSql(state, null, params);
  params.push(SCATTER_LIMIT);
  const { rows } = await db.query<{
    video_id: string;
    channel_id: string;
    published_ms: number;
    views: number;
    total: number;
  }>(
    /* sql */ `
    SELECT v.video_id, v.channel_id,
           (extract(epoch FROM v.published_at) * 1000)::float8 AS published_ms,
           v.views::float8 AS views,
           count(*) OVER ()::int AS total
    FROM videos v
    ${where}${where ? ' AND' : 'WHERE'} v.views IS NOT NULL
    ORDER BY v.views DESC, v.video_id
    LIMIT $${params.length}`,
    params,
  );
  const points: ScatterPoint[] = rows.map((r) => ({
    videoId: r.video_id,
    channelId: r.channel_id,
    publishedAt: r.published_ms,
    views: r.views,
  }));
  return { points, total: rows[0]?.total ?? 0, limit: SCATTER_LIMIT };
}
