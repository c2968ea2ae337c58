// The explorer page: renders the views the server sends and turns what the user does into
// `update` messages. The server owns the state; this page mirrors it in the address bar.
import { pageFile, writePreference } from '../../site/src/i18n/languages.ts';
import { timeZoneChoices, timeZoneLabel } from '../../site/src/i18n/timeZones.ts';
import { onTextInput } from '../../site/src/lib/onTextInput.ts';
import type { ServerMessage } from '../shared/protocol.ts';
import { SORT_COLUMNS } from '../shared/viewDefaults.ts';
import type { ViewStatePatch } from '../shared/viewState.ts';
import { readViewStateQuery, viewStateToQuery } from '../shared/viewStateUrl.ts';
import { renderChannelsOverTime } from './channelsOverTime.ts';
import { type Connection, connect } from './connection.ts';
import { clearCorrections, showCorrections, type ViewCorrection } from './corrections.ts';
import { byId, debounce, el } from './dom.ts';
import { type Ui, view } from './explorerView.ts';
import {
  chooseLanguage,
  explorerLocale,
  preferredTimeZone,
  renderLanguageSwitch,
  translatePage,
} from './i18n.ts';
import { renderNotices, renderUser } from './notices.ts';
import { renderChannelResults, renderChannels } from './renderChannels.ts';
import { renderCompare, renderScatter, renderVideo } from './renderCharts.ts';
import { readFilters, renderFilters, showFilterProblem } from './renderFilters.ts';
import { COLUMN_ORDER, pageCount, renderTable } from './renderTable.ts';

const SESSION_KEY = 'tubelens.explorer.session';
const lang = chooseLanguage();
let locale = explorerLocale(lang, 'UTC');
let connection: Connection | undefined;
let nextId = 1;
/** What the notices line says: the reader's lag and whether the session could move servers. */
const notices = { lagSeconds: null as number | null, resumable: true };
/** Requests that come from the address bar (back/forward, a link): their views replace, not push. */
const fromHistory = new Set<number>();
const sentAt = new Map<number, number>();

function send(patch: ViewStatePatch, viaHistory = false) {
  const id = nextId++;
  if (viaHistory) fromHistory.add(id);
  sentAt.set(id, performance.now());
  connection?.send({ type: 'update', id, patch });
}

const ui: Ui = {
  get locale() {
    return locale;
  },
  send: (patch) => send(patch),
};

function showError(message: string | null) {
  const box = byId('error');
  box.hidden = message === null;
  box.textContent = message ?? '';
}

function describeError(message: Extract<ServerMessage, { type: 'error' }>): string {
  const e = locale.t.errors;
  if (message.code === 'query_timeout') return e.timeout;
  if (message.code === 'rate_limited') return e.rateLimited;
  if (message.code === 'internal') return e.internal(/ref (\w+)/.exec(message.message)?.[1] ?? '–');
  if (/end date is before the start date/.test(message.message)) return e.dateOrder;
  return e.other(message.message);
}

function renderAll() {
  renderChannels(ui);
  renderChannelResults(ui);
  renderFilters(ui);
  renderCompare(ui);
  renderScatter(ui);
  renderChannelsOverTime(ui);
  renderTable(ui);
  renderVideo(ui);
  const zone = byId<HTMLSelectElement>('time-zone');
  const current = view.state.timeZone ?? 'UTC';
  const zones = [...new Set([...timeZoneChoices(), current])];
  if (zone.options.length !== zones.length || zone.value !== current) {
    zone.replaceChildren(...zones.map((z) => el('option', { value: z }, timeZoneLabel(z, lang))));
    zone.value = current;
  }
}

/** A link the server accepted can still name a page past the last or a channel that is gone. */
function correctAfterView(message: Extract<ServerMessage, { type: 'view' }>): ViewCorrection[] {
  const corrections: ViewCorrection[] = [];
  const state = message.state;
  if (message.channelTitles) {
    const missing = state.channels.filter((id) => !(id in message.channelTitles!));
    if (missing.length) {
      for (const value of missing) corrections.push({ kind: 'channelMissing', value });
      // The page asked for stays asked for: a page past the last is corrected on the next view.
      send({ channels: state.channels.filter((id) => !missing.includes(id)), page: state.page }, true);
      return corrections;
    }
  }
  const table = message.parts.table;
  if (table && table.total > 0 && table.page >= pageCount(table)) {
    corrections.push({ kind: 'page', asked: table.page + 1, last: pageCount(table) });
    send({ page: pageCount(table) - 1 }, true);
  }
  return corrections;
}

function onView(message: Extract<ServerMessage, { type: 'view' }>) {
  // Views that answer the address bar (a link, back/forward, or a correction of either) replace
  // the history entry; views that answer the reader push a new one.
  const replace =
    message.requestId === null || message.requestId === 0 || fromHistory.delete(message.requestId);
  view.state = message.state;
  Object.assign(view.parts, message.parts);
  if (message.channelTitles) view.channelTitles = { ...view.channelTitles, ...message.channelTitles };
  const zone = view.state.timeZone ?? 'UTC';
  if (zone !== locale.format.timeZone) locale = explorerLocale(lang, zone);
  showError(null);
  showCorrections(correctAfterView(message), locale.t);
  renderAll();
  const started = message.requestId !== null ? sentAt.get(message.requestId) : undefined;
  const queries = Object.entries(message.timings.queries)
    .map(([name, ms]) => `${name} ${ms} ms`)
    .join(', ');
  byId('timings').textContent = locale.t.timings(
    String(message.timings.totalMs),
    queries,
    started === undefined ? null : String(Math.round(performance.now() - started)),
  );
  sentAt.clear();
  const search = linkFor(viewStateToQuery(view.state));
  if (search !== location.search) {
    if (replace) history.replaceState(null, '', `${location.pathname}${search}`);
    else {
      history.pushState(null, '', `${location.pathname}${search}`);
      clearCorrections();
    }
  }
}

/** The view's query with the link's language kept (`lang` is the page's, not the session's). */
function linkFor(query: string): string {
  const chosen = new URLSearchParams(location.search).get('lang');
  if (!chosen) return query;
  return `${query ? `${query}&` : '?'}lang=${encodeURIComponent(chosen)}`;
}

function onMessage(message: ServerMessage) {
  if (message.type === 'welcome') {
    sessionStorage.setItem(SESSION_KEY, message.sessionId);
    renderUser(byId('user'), message.user, message.signOutUrl, locale.t);
    notices.resumable = message.resumable;
    renderNotices(byId('notices'), notices, locale.t);
    view.categories = message.categories;
    renderChannelResults(ui, message.channels);
    const exportLink = byId<HTMLAnchorElement>('export');
    exportLink.href = `/export.csv?session=${encodeURIComponent(message.sessionId)}&token=${encodeURIComponent(message.exportToken)}`;
    exportLink.setAttribute('aria-disabled', 'false');
  } else if (message.type === 'view') {
    notices.lagSeconds = message.lagSeconds;
    renderNotices(byId('notices'), notices, locale.t);
    onView(message);
  } else if (message.type === 'session') {
    notices.resumable = message.resumable;
    renderNotices(byId('notices'), notices, locale.t);
  } else if (message.type === 'channels') renderChannelResults(ui, message.channels);
  else if (message.type === 'error') showError(describeError(message));
}

// ---- wiring ----

translatePage(locale);
renderLanguageSwitch(lang, byId('language-switch'));
const siteUrl = document.querySelector<HTMLMetaElement>('meta[name="tubelens-site-url"]')?.content;
if (siteUrl && /^https?:\/\//.test(siteUrl)) {
  const link = byId<HTMLAnchorElement>('site-link');
  link.href = new URL(`./${pageFile('index', lang)}`, siteUrl).href;
  link.hidden = false;
}

// On a phone the filters start folded, so the first screen reaches the charts; a link that
// filters keeps them open.
if (matchMedia('(max-width: 50rem)').matches) {
  const link = readViewStateQuery(location.search).patch.filters;
  const filtered = link && Object.entries(link).some(([, value]) => value !== null && value !== '');
  byId<HTMLDetailsElement>('filter-box').open = Boolean(filtered);
}

const form = byId<HTMLFormElement>('filters');
/** Sends the form's filters when they differ from the state's; contradicting bounds wait. */
function applyFilters() {
  const { filters, problem } = readFilters();
  showFilterProblem(ui, problem);
  if (!problem && JSON.stringify(filters) !== JSON.stringify(view.state.filters)) send({ filters });
}
form.addEventListener('submit', (event) => event.preventDefault());
form.addEventListener('change', applyFilters);
// Typing: a view per pause, not per key (250 ms), and nothing while an input method composes.
onTextInput(form.elements.namedItem('title') as HTMLInputElement, debounce(applyFilters, 250));
const minutesTyped = debounce(applyFilters, 400);
for (const name of ['minDuration', 'maxDuration']) {
  (form.elements.namedItem(name) as HTMLInputElement).addEventListener('input', minutesTyped);
}
const search = debounce(
  (query: string) => connection?.send({ type: 'searchChannels', id: nextId++, query }),
  200,
);
const channelSearch = byId<HTMLInputElement>('channel-search');
onTextInput(channelSearch, () => search(channelSearch.value));
byId('prev-page').addEventListener('click', () => send({ page: Math.max(0, view.state.page - 1) }));
byId('next-page').addEventListener('click', () => send({ page: view.state.page + 1 }));
byId('clear-brush').addEventListener('click', () => send({ brush: null }));
byId('close-video').addEventListener('click', () => send({ video: null }));
byId('remove-length').addEventListener('click', () =>
  send({ filters: { ...view.state.filters, minDuration: null, maxDuration: null } }),
);
byId('dismiss-corrections').addEventListener('click', clearCorrections);
byId<HTMLSelectElement>('time-zone').addEventListener('change', (event) => {
  const timeZone = (event.target as HTMLSelectElement).value;
  writePreference('timeZone', timeZone);
  send({ timeZone });
});
byId('copy-link').addEventListener('click', () => {
  const share = byId<HTMLInputElement>('share-link');
  share.value = location.href;
  share.hidden = false;
  share.select();
  navigator.clipboard?.writeText(location.href).then(
    () => {
      byId('status').textContent = locale.t.linkCopied;
    },
    () => {},
  );
});
// Back and forward: the address bar says what to show; what it gets wrong is said, not dropped.
window.addEventListener('popstate', () => {
  const link = readViewStateQuery(location.search);
  clearCorrections();
  showCorrections(link.corrections, locale.t);
  send(link.patch, true);
});
// SORT_COLUMNS is the server's list; the table shows each.
if (COLUMN_ORDER.length !== SORT_COLUMNS.length) throw new Error('the table must show every sort column');

connection = connect({
  onOpen(conn, attempt) {
    const sessionId = sessionStorage.getItem(SESSION_KEY) ?? undefined;
    // First load: the address bar says what to show (and the reader's zone, unless it names one).
    // A reconnect: the server's state is current.
    let state: ViewStatePatch | undefined;
    if (attempt === 0) {
      const link = readViewStateQuery(location.search);
      showCorrections(link.corrections, locale.t);
      state = { ...link.patch, timeZone: link.patch.timeZone ?? preferredTimeZone() };
    }
    conn.send({ type: 'hello', id: 0, ...(sessionId ? { sessionId } : {}), ...(state ? { state } : {}) });
  },
  onMessage,
  onStatus(next) {
    const status = byId('status');
    status.dataset.state = next;
    status.textContent = locale.t[next];
  },
});
