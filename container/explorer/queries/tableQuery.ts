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

/**
 * The selection (filters and brush) as one sorted page, and its size. The page is cut from
 * `videos` alone and only its 25 rows are joined to channel and category (sorting by channel
 * title needs the join first). `total` is counted by the caller (countQuery).
 */
export async function tableQuery(
  db: SqlExecutor,
  state: Pick<ViewState, 'channels' | 'filters' | 'timeZone' | 'brush' | 'sort' | 'page'>,
  total: number,
): Promise<NonNullable<ViewParts['table']>> {
  const params: SqlParam[] = [];
  const where = videoFilterSql(state, state.brush, params);
  params.push(PAGE_SIZE, state.page * PAGE_SIZE);
  const byChannel = state.sort.column === 'channel';
  const { rows } = await db.query<SelectionRow>(
    /* sql */ `
    WITH page AS (
      SELECT v.* FROM videos v ${byChannel ? 'JOIN channels c ON c.channel_id = v.channel_id' : ''}
      ${where}
      ORDER BY ${orderBySql(state.sort)}
      LIMIT $${params.length - 1} OFFSET $${params.length}
    )
    SELECT ${SELECTION_COLUMNS}
    ${SELECTION_FROM.replace('FROM videos v', 'FROM page v')}
    ORDER BY ${orderBySql(state.sort)}`,
    params,
  );
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
