import type { SqlExecutor, SqlParam } from '../../../db/sql/SqlClient.ts';
import type { TableRow, ViewParts } from '../../shared/protocol.ts';
import { PAGE_SIZE, type Sort, type SortColumn, type ViewState } from '../../shared/viewState.ts';
import { videoFilterSql } from './videoFilter.ts';

/** Sort keys a user may choose, each mapped to fixed SQL: the user picks a name, never SQL. */
const ORDER_BY: Record<SortColumn, string> = {
  published_at: 'v.published_at',
  views: 'v.views',
  likes: 'v.likes',
  comments: 'v.comments',
  duration_seconds: 'v.duration_seconds',
  title: 'v.title',
  channel: 'c.title',
};

export function orderBySql(sort: Sort): string {
  const dir = sort.direction === 'asc' ? 'ASC NULLS FIRST' : 'DESC NULLS LAST';
  return `${ORDER_BY[sort.column]} ${dir}, v.video_id ${sort.direction === 'asc' ? 'ASC' : 'DESC'}`;
}

/** The columns of the table and of the CSV export, over `videos v` joined to its channel. */
export const SELECTION_COLUMNS = /* sql */ `
  v.video_id, v.title, v.channel_id, c.title AS channel_title, v.published_at,
  v.duration_seconds, cat.title AS category, v.views::float8 AS views, v.likes::float8 AS likes,
  v.comments::float8 AS comments`;

export const SELECTION_FROM = /* sql */ `
  FROM videos v
  JOIN channels c ON c.channel_id = v.channel_id
  LEFT JOIN categories cat ON cat.category_id = v.category_id`;

export interface SelectionRow {
  video_id: string;
  title: string;
  channel_id: string;
  channel_title: string;
  published_at: Date;
  duration_seconds: number | null;
  category: string | null;
  views: number | null;
  likes: number | null;
  comments: number | null;
  [key: string]: unknown;
}

/** The selection (filters and brush) as one sorted page, and its size. */
export async function tableQuery(
  db: SqlExecutor,
  state: Pick<ViewState, 'channels' | 'filters' | 'brush' | 'sort' | 'page'>,
): Promise<NonNullable<ViewParts['table']>> {
  const params: SqlParam[] = [];
  const where = videoFilterSql(state, state.brush, params);
  params.push(PAGE_SIZE, state.page * PAGE_SIZE);
  const { rows } = await db.query<SelectionRow & { total: number }>(
    /* sql */ `
    SELECT ${SELECTION_COLUMNS}, count(*) OVER ()::int AS total
    ${SELECTION_FROM}
    ${where}
    ORDER BY ${orderBySql(state.sort)}
    LIMIT $${params.length - 1} OFFSET $${params.length}`,
    params,
  );
  let total = rows[0]?.total;
  if (total === undefined) {
    // A page past the end has no rows to carry the count: count once more.
    const countParams: SqlParam[] = [];
    const countWhere = videoFilterSql(state, state.brush, countParams);
    const counted = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM videos v ${countWhere}`,
      countParams,
    );
    total = counted.rows[0]!.n;
  }
  return { rows: rows.map(toTableRow), total, page: state.page, pageSize: PAGE_SIZE };
}

export function toTableRow(r: SelectionRow): TableRow {
  return {
    videoId: r.video_id,
    title: r.title,
    channelId: r.channel_id,
    channelTitle: r.channel_title,
    publishedAt: r.published_at.toISOString(),
    durationSeconds: r.duration_seconds,
    category: r.category,
    views: r.views,
    likes: r.likes,
    comments: r.comments,
  };
}
