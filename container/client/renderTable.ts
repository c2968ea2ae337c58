import type { TableRow } from '../shared/protocol.ts';
import type { SortColumn } from '../shared/viewState.ts';
import { byId, el } from './dom.ts';
import { type Ui, view } from './explorerView.ts';

const NUMERIC = new Set<SortColumn>(['views', 'likes', 'comments', 'duration_seconds']);
/** The table's columns, in order; SORT_COLUMNS (the server's list) holds the same seven. */
export const COLUMN_ORDER: SortColumn[] = [
  'title',
  'channel',
  'published_at',
  'duration_seconds',
  'views',
  'likes',
  'comments',
];

function cell(
  row: TableRow,
  column: SortColumn,
  { locale: { t, format: f }, send }: Ui,
): HTMLTableCellElement {
  const td = el('td', NUMERIC.has(column) ? { class: 'num' } : {});
  if (column === 'title') {
    td.className = 'title';
    // One line, cut by CSS where the cell ends; the hover and the button's name hold all of it.
    const open = el('button', { type: 'button', 'data-video': row.videoId, title: row.title }, row.title);
    open.setAttribute('aria-label', t.openVideo(row.title));
    open.addEventListener('click', () => send({ video: row.videoId }));
    td.append(open);
  } else if (column === 'channel') {
    td.className = 'channel';
    td.title = row.channelTitle;
    td.textContent = row.channelTitle;
  } else if (column === 'published_at') td.textContent = f.day(new Date(row.publishedAt));
  else if (column === 'duration_seconds')
    td.textContent = row.durationSeconds === null ? '–' : f.duration(row.durationSeconds);
  else {
    const v = row[column];
    td.textContent = v === null ? '–' : f.whole(v);
  }
  return td;
}

/** The selection's page of rows, its sortable headers and the pager. */
export function renderTable(ui: Ui) {
  const { t, format: f } = ui.locale;
  const state = view.state;
  const table = byId<HTMLTableElement>('selection');
  table.tHead!.rows[0]!.replaceChildren(
    ...COLUMN_ORDER.map((column) => {
      const th = el('th', { scope: 'col', 'data-column': column });
      if (NUMERIC.has(column)) th.className = 'num';
      if (state.sort.column === column)
        th.setAttribute('aria-sort', state.sort.direction === 'asc' ? 'ascending' : 'descending');
      const button = el('button', { type: 'button' }, t.columns[column]);
      button.addEventListener('click', () => {
        const same = state.sort.column === column;
        const firstDirection = NUMERIC.has(column) || column === 'published_at' ? 'desc' : 'asc';
        const direction = same ? (state.sort.direction === 'asc' ? 'desc' : 'asc') : firstDirection;
        ui.send({ sort: { column, direction } });
      });
      th.append(button);
      return th;
    }),
  );
  const part = view.parts.table;
  table.tBodies[0]!.replaceChildren(
    ...(part?.rows ?? []).map((row) =>
      el('tr', { 'data-video': row.videoId }, ...COLUMN_ORDER.map((c) => cell(row, c, ui))),
    ),
  );
  const pages = pageCount(part);
  byId('page-info').textContent = part
    ? t.pageInfo(t.videos(part.total, f.count(part.total)), part.page + 1, pages)
    : '';
  byId<HTMLButtonElement>('prev-page').disabled = !part || part.page === 0;
  byId<HTMLButtonElement>('next-page').disabled = !part || part.page + 1 >= pages;
}

/** Pages the selection fills (at least one, even when empty). */
export function pageCount(part: { total: number; pageSize: number } | undefined): number {
  return part ? Math.max(1, Math.ceil(part.total / part.pageSize)) : 1;
}
