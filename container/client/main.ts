// The explorer page: renders the views the server sends and turns what the user does into
// `update` messages. The server owns the state; this page mirrors it in the address bar.
import { barChart, formatCount, formatDay, formatDuration, timeSeries } from '../../site/src/charts/index.ts';
import type {
  CategoryOption,
  ChannelOption,
  ServerMessage,
  TableRow,
  ViewParts,
} from '../shared/protocol.ts';
import { scatterPoints } from '../shared/scatterPoints.ts';
import { DEFAULT_STATE, SORT_COLUMNS } from '../shared/viewDefaults.ts';
import type { Filters, SortColumn, ViewState, ViewStatePatch } from '../shared/viewState.ts';
import { viewStateQueryCandidate, viewStateToQuery } from '../shared/viewStateUrl.ts';
import { brushableScatter } from './brushableScatter.ts';
import { type Connection, connect } from './connection.ts';
import { byId, el, widthOf } from './dom.ts';
import { renderNotices, renderUser } from './notices.ts';

const SESSION_KEY = 'tubelens.explorer.session';

let state: ViewState = DEFAULT_STATE;
const parts: ViewParts = {};
let channelTitles: Record<string, string> = {};
let categories: CategoryOption[] = [];
let connection: Connection | undefined;
let nextId = 1;
/** Requests that come from the address bar (back/forward, a link): their views replace, not push. */
const fromHistory = new Set<number>();
const sentAt = new Map<number, number>();

const status = byId('status');
const errorBox = byId('error');
/** What the notices line says: the reader's lag and whether the session could move servers. */
const notices = { lagSeconds: null as number | null, resumable: true };

function showError(message: string | null) {
  errorBox.hidden = message === null;
  errorBox.textContent = message ?? '';
}

function send(patch: ViewStatePatch, viaHistory = false) {
  const id = nextId++;
  if (viaHistory) fromHistory.add(id);
  sentAt.set(id, performance.now());
  connection?.send({ type: 'update', id, patch });
}

// ---- rendering ----

const COLUMN_NAMES: Record<SortColumn, string> = {
  title: 'Title',
  channel: 'Channel',
  published_at: 'Published',
  duration_seconds: 'Duration',
  views: 'Views',
  likes: 'Likes',
  comments: 'Comments',
};
const NUMERIC = new Set<SortColumn>(['views', 'likes', 'comments', 'duration_seconds']);
const COLUMN_ORDER: SortColumn[] = [
  'title',
  'channel',
  'published_at',
  'duration_seconds',
  'views',
  'likes',
  'comments',
];

function renderChannels() {
  const list = byId('selected-channels');
  list.replaceChildren(
    ...state.channels.map((id) => {
      const remove = el('button', { type: 'button', 'aria-label': `Remove ${channelTitles[id] ?? id}` }, '×');
      remove.addEventListener('click', () => send({ channels: state.channels.filter((c) => c !== id) }));
      return el('li', { 'data-channel': id }, channelTitles[id] ?? id, remove);
    }),
  );
}

let lastResults: ChannelOption[] = [];

function renderChannelResults(channels: ChannelOption[] = lastResults) {
  lastResults = channels;
  byId('channel-results').replaceChildren(
    ...channels
      .filter((c) => !state.channels.includes(c.channelId))
      .map((c) => {
        const add = el('button', { type: 'button', 'data-channel': c.channelId }, `+ ${c.title}`);
        add.title = `${formatCount(c.videos)} videos${c.subscribers !== null ? `, ${formatCount(c.subscribers)} subscribers` : ''}`;
        add.addEventListener('click', () => {
          channelTitles[c.channelId] = c.title;
          send({ channels: [...state.channels, c.channelId] });
        });
        return el('li', {}, add);
      }),
  );
}

function renderFilters() {
  const form = byId<HTMLFormElement>('filters');
  const select = form.elements.namedItem('category') as HTMLSelectElement;
  if (select.options.length !== categories.length + 1) {
    select.replaceChildren(
      el('option', { value: '' }, 'any'),
      ...categories.map((c) => el('option', { value: String(c.categoryId) }, c.title)),
    );
  }
  const f = state.filters;
  const values: Record<string, string> = {
    from: f.from ?? '',
    to: f.to ?? '',
    minDuration: f.minDuration === null ? '' : String(f.minDuration / 60),
    maxDuration: f.maxDuration === null ? '' : String(f.maxDuration / 60),
    category: f.category === null ? '' : String(f.category),
    title: f.title,
  };
  for (const [name, value] of Object.entries(values)) {
    const input = form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement;
    // Leave the field the user is typing in alone.
    if (document.activeElement !== input && input.value !== value) input.value = value;
  }
}

function readFilters(): Filters {
  const form = byId<HTMLFormElement>('filters');
  const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement).value.trim();
  const minutes = (name: string) => (value(name) === '' ? null : Math.round(Number(value(name)) * 60));
  return {
    from: value('from') || null,
    to: value('to') || null,
    minDuration: minutes('minDuration'),
    maxDuration: minutes('maxDuration'),
    category: value('category') === '' ? null : Number(value('category')),
    title: value('title'),
  };
}

function renderCompare() {
  const box = byId('compare');
  const rows = parts.compare ?? [];
  if (!rows.length) {
    box.replaceChildren(el('p', { class: 'note' }, 'Pick channels on the left to compare them.'));
    return;
  }
  box.replaceChildren(
    barChart(
      rows.map((r) => ({
        label: r.title,
        value: r.totalViews,
        details: [
          `${formatCount(r.videos)} videos`,
          `median ${formatCount(r.medianViews)} views`,
          ...(r.medianDuration !== null ? [`median length ${formatDuration(r.medianDuration)}`] : []),
        ],
      })),
      { width: widthOf(box), label: 'Views of the filtered videos, by channel', unit: 'views' },
    ),
  );
}

function renderScatter() {
  const box = byId('scatter');
  const scatter = parts.scatter;
  const points = scatter ? scatterPoints(scatter) : [];
  const note = byId('scatter-note');
  byId('clear-brush').hidden = state.brush === null;
  if (!scatter || !points.length) {
    note.textContent = '';
    box.replaceChildren(el('p', { class: 'note' }, 'No videos match these filters.'));
    return;
  }
  note.textContent =
    scatter.total > points.length
      ? `${formatCount(scatter.total)} videos match; the ${formatCount(points.length)} most viewed are drawn. A selection covers every match in the region.`
      : `${formatCount(scatter.total)} videos match.`;
  box.replaceChildren(
    brushableScatter(points, new Map(Object.entries(channelTitles)), state.brush, {
      width: widthOf(box),
      height: 360,
      onBrush: (region) => send({ brush: region }),
    }),
  );
}

function cell(row: TableRow, column: SortColumn): HTMLTableCellElement {
  const numeric = NUMERIC.has(column);
  const td = el('td', numeric ? { class: 'num' } : {});
  if (column === 'title') {
    td.className = 'title';
    const open = el('button', { type: 'button', 'data-video': row.videoId }, row.title);
    open.addEventListener('click', () => send({ video: row.videoId }));
    td.append(open);
  } else if (column === 'channel') td.textContent = row.channelTitle;
  else if (column === 'published_at') td.textContent = formatDay(new Date(row.publishedAt));
  else if (column === 'duration_seconds')
    td.textContent = row.durationSeconds === null ? '–' : formatDuration(row.durationSeconds);
  else {
    const v = row[column];
    td.textContent = v === null ? '–' : v.toLocaleString('en-US');
  }
  return td;
}

function renderTable() {
  const table = byId<HTMLTableElement>('selection');
  const head = table.tHead!.rows[0]!;
  head.replaceChildren(
    ...COLUMN_ORDER.map((column) => {
      const th = el('th', { scope: 'col', 'data-column': column }, null);
      if (NUMERIC.has(column)) th.className = 'num';
      if (state.sort.column === column)
        th.setAttribute('aria-sort', state.sort.direction === 'asc' ? 'ascending' : 'descending');
      const button = el('button', { type: 'button' }, COLUMN_NAMES[column]);
      button.addEventListener('click', () => {
        const same = state.sort.column === column;
        const direction = same
          ? state.sort.direction === 'asc'
            ? 'desc'
            : 'asc'
          : NUMERIC.has(column) || column === 'published_at'
            ? 'desc'
            : 'asc';
        send({ sort: { column, direction } });
      });
      th.append(button);
      return th;
    }),
  );
  const t = parts.table;
  table.tBodies[0]!.replaceChildren(
    ...(t?.rows ?? []).map((row) =>
      el('tr', { 'data-video': row.videoId }, ...COLUMN_ORDER.map((c) => cell(row, c))),
    ),
  );
  const pages = t ? Math.max(1, Math.ceil(t.total / t.pageSize)) : 1;
  byId('page-info').textContent = t
    ? `${formatCount(t.total)} videos selected · page ${t.page + 1} of ${pages}`
    : '';
  byId<HTMLButtonElement>('prev-page').disabled = !t || t.page === 0;
  byId<HTMLButtonElement>('next-page').disabled = !t || t.page + 1 >= pages;
}

function renderVideo() {
  const panel = byId('video-panel');
  const video = parts.video;
  panel.hidden = !video;
  if (!video) return;
  byId('video-heading').textContent = video.title;
  byId('video-meta').textContent =
    `${video.channelTitle} · published ${formatDay(new Date(video.publishedAt))}`;
  const box = byId('video-chart');
  const daily = video.days.filter((d) => d.gained !== null);
  box.replaceChildren(
    daily.length
      ? timeSeries(
          daily.map((d) => ({ date: new Date(`${d.day}T00:00:00Z`), value: Math.max(0, d.gained!) })),
          {
            width: widthOf(box),
            height: 220,
            label: `Daily views of ${video.title}`,
            unit: 'views',
            area: true,
          },
        )
      : el('p', { class: 'note' }, 'Not enough daily snapshots for this video yet.'),
  );
}

function renderAll() {
  renderChannels();
  renderChannelResults();
  renderFilters();
  renderCompare();
  renderScatter();
  renderTable();
  renderVideo();
}

// ---- messages ----

function onView(message: Extract<ServerMessage, { type: 'view' }>) {
  state = message.state;
  Object.assign(parts, message.parts);
  if (message.channelTitles) channelTitles = { ...channelTitles, ...message.channelTitles };
  showError(null);
  renderAll();
  const started = message.requestId !== null ? sentAt.get(message.requestId) : undefined;
  const roundTrip =
    started !== undefined ? ` · ${Math.round(performance.now() - started)} ms round trip` : '';
  const queries = Object.entries(message.timings.queries)
    .map(([name, ms]) => `${name} ${ms} ms`)
    .join(', ');
  byId('timings').textContent =
    `query ${message.timings.totalMs} ms${queries ? ` (${queries})` : ''}${roundTrip}`;
  sentAt.clear();
  const search = viewStateToQuery(state);
  if (search !== location.search) {
    const replace =
      message.requestId === null || message.requestId === 0 || fromHistory.has(message.requestId);
    if (replace) history.replaceState(null, '', `${location.pathname}${search}`);
    else history.pushState(null, '', `${location.pathname}${search}`);
  }
  fromHistory.clear();
}

function onMessage(message: ServerMessage) {
  if (message.type === 'welcome') {
    sessionStorage.setItem(SESSION_KEY, message.sessionId);
    renderUser(byId('user'), message.user, message.signOutUrl);
    notices.resumable = message.resumable;
    renderNotices(byId('notices'), notices);
    categories = message.categories;
    renderChannelResults(message.channels);
    const exportLink = byId<HTMLAnchorElement>('export');
    exportLink.href = `/export.csv?session=${encodeURIComponent(message.sessionId)}&token=${encodeURIComponent(message.exportToken)}`;
    exportLink.setAttribute('aria-disabled', 'false');
  } else if (message.type === 'view') {
    notices.lagSeconds = message.lagSeconds;
    renderNotices(byId('notices'), notices);
    onView(message);
  } else if (message.type === 'session') {
    notices.resumable = message.resumable;
    renderNotices(byId('notices'), notices);
  } else if (message.type === 'channels') renderChannelResults(message.channels);
  else if (message.type === 'error') showError(message.message);
}

// ---- wiring ----

function debounce<A extends unknown[]>(fn: (...args: A) => void, ms: number) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return (...args: A) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

const form = byId<HTMLFormElement>('filters');
form.addEventListener('submit', (event) => event.preventDefault());
form.addEventListener('change', () => send({ filters: readFilters() }));
// Typing in the title box: a view per pause, not per key (250 ms).
const typed = debounce(() => send({ filters: readFilters() }), 250);
(form.elements.namedItem('title') as HTMLInputElement).addEventListener('input', typed);
const search = debounce(
  (query: string) => connection?.send({ type: 'searchChannels', id: nextId++, query }),
  200,
);
byId<HTMLInputElement>('channel-search').addEventListener('input', (event) =>
  search((event.target as HTMLInputElement).value),
);
byId('prev-page').addEventListener('click', () => send({ page: Math.max(0, state.page - 1) }));
byId('next-page').addEventListener('click', () => send({ page: state.page + 1 }));
byId('clear-brush').addEventListener('click', () => send({ brush: null }));
byId('close-video').addEventListener('click', () => send({ video: null }));
byId('copy-link').addEventListener('click', () => {
  const share = byId<HTMLInputElement>('share-link');
  share.value = location.href;
  share.hidden = false;
  share.select();
  navigator.clipboard?.writeText(location.href).then(
    () => {
      status.textContent = 'link copied';
    },
    () => {},
  );
});
// The server checks the link's state; an edited, invalid one comes back as an error message.
window.addEventListener('popstate', () =>
  send(viewStateQueryCandidate(location.search) as ViewStatePatch, true),
);
// SORT_COLUMNS is the server's list; the table shows each.
if (COLUMN_ORDER.length !== SORT_COLUMNS.length) throw new Error('the table must show every sort column');

connection = connect({
  onOpen(conn, attempt) {
    const sessionId = sessionStorage.getItem(SESSION_KEY) ?? undefined;
    // First load: the address bar says what to show. A reconnect: the server's state is current.
    const fromLink = attempt === 0 && location.search ? viewStateQueryCandidate(location.search) : undefined;
    conn.send({
      type: 'hello',
      id: 0,
      ...(sessionId ? { sessionId } : {}),
      ...(fromLink ? { state: fromLink } : {}),
    });
  },
  onMessage,
  onStatus(next) {
    status.dataset.state = next;
    status.textContent =
      next === 'connected' ? 'connected' : next === 'connecting' ? 'connecting…' : 'reconnecting…';
  },
});
