import type { SqlExecutor, SqlParam } from '../../../db/sql/SqlClient.ts';
import type { ViewParts } from '../../shared/protocol.ts';
import type { Brush, ViewState } from '../../shared/viewState.ts';
import { videoFilterSql } from './videoFilter.ts';

/**
 * Points drawn at most: past ~1,000 dots a scatter of one or a few channels is a blob, and each
 * point costs ~80 bytes of JSON on every view.
 */
export const SCATTER_LIMIT = 1000;

/**
 * The filtered videos as (publish time, views) points, the most viewed first (videos_views_idx
 * when no channel is picked; the channel index otherwise), and how many match (`total`, counted
 * by the caller: the table shares the count when nothing is brushed).
 */
export async function scatterQuery(
  db: SqlExecutor,
  state: Pick<ViewState, 'channels' | 'filters' | 'timeZone'>,
  total: number,
): Promise<NonNullable<ViewParts['scatter']>> {
  const params: SqlParam[] = [];
  const where = videoFilterSql(state, null, params);
  params.push(SCATTER_LIMIT);
  const { rows } = await db.query<{
    video_id: string;
    channel_id: string;
    published_ms: number;
    views: number;
  }>(
    /* sql */ `
    SELECT v.video_id, v.channel_id,
           (extract(epoch FROM v.published_at) * 1000)::float8 AS published_ms,
           v.views::float8 AS views
    FROM videos v
    ${where}${where ? ' AND' : 'WHERE'} v.views IS NOT NULL
    ORDER BY v.views DESC NULLS LAST, v.video_id DESC
    LIMIT $${params.length}`,
    params,
  );
  return {
    videoIds: rows.map((r) => r.video_id),
    channelIds: rows.map((r) => r.channel_id),
    publishedAt: rows.map((r) => r.published_ms),
    views: rows.map((r) => r.views),
    total,
    limit: SCATTER_LIMIT,
  };
}

/** How many videos the filters (and the brush, when given) select. */
export async function countQuery(
  db: SqlExecutor,
  state: Pick<ViewState, 'channels' | 'filters' | 'timeZone'>,
  brush: Brush | null,
): Promise<number> {
  const params: SqlParam[] = [];
  const where = videoFilterSql(state, brush, params);
  const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM videos v ${where}`, params);
  return rows[0]!.n;
}

/**
 * How many videos the state would select without its length bounds that have no known length:
 * asked only when a length filter leaves nothing, so the page can say the data has no lengths.
 */
export async function unknownDurationCount(
  db: SqlExecutor,
  state: Pick<ViewState, 'channels' | 'filters' | 'timeZone'>,
): Promise<number> {
  const params: SqlParam[] = [];
  const unbounded = { ...state, filters: { ...state.filters, minDuration: null, maxDuration: null } };
  const where = videoFilterSql(unbounded, null, params);
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM videos v ${where ? `${where} AND` : 'WHERE'} v.duration_seconds IS NULL`,
    params,
  );
  return rows[0]?.n ?? 0;
}
