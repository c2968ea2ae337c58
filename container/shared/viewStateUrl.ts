/**
 * The view state as readable query parameters, so a copied link reopens the same view and the
 * browser's back and forward buttons move through views. Parameters at their default are left out.
 *
 *   ?ch=UC1&ch=UC2&from=2024-01-01&to=2024-03-31&dmin=60&dmax=600&cat=10&q=cooking
 *    &brush=2024-01-05T00:00:00.000Z~2024-02-01T00:00:00.000Z~1000~50000&sort=views.desc&page=2&video=abc
 *    &tz=Asia%2FTokyo
 */
import { isTimeZone } from '../../site/src/i18n/timeZones.ts';
import {
  DEFAULT_STATE,
  inYearRange,
  isCalendarDay,
  isChannelId,
  MAX_CATEGORY,
  MAX_CHANNELS,
  MAX_DURATION_SECONDS,
  MAX_PAGE,
  MAX_TITLE_QUERY,
  SORT_COLUMNS,
  VIDEO_ID,
} from './viewDefaults.ts';
import type { Brush, Filters, ViewState, ViewStatePatch } from './viewState.ts';

export function viewStateToQuery(state: ViewState): string {
  const q = new URLSearchParams();
  for (const id of state.channels) q.append('ch', id);
  const f = state.filters;
  if (f.from) q.set('from', f.from);
  if (f.to) q.set('to', f.to);
  if (f.minDuration !== null) q.set('dmin', String(f.minDuration));
  if (f.maxDuration !== null) q.set('dmax', String(f.maxDuration));
  if (f.category !== null) q.set('cat', String(f.category));
  if (f.title) q.set('q', f.title);
  const b = state.brush;
  if (b) q.set('brush', [b.from, b.to, b.minViews, b.maxViews].join('~'));
  const s = state.sort;
  if (s.column !== DEFAULT_STATE.sort.column || s.direction !== DEFAULT_STATE.sort.direction) {
    q.set('sort', `${s.column}.${s.direction}`);
  }
  if (state.page) q.set('page', String(state.page));
  if (state.video) q.set('video', state.video);
  if (state.timeZone && state.timeZone !== 'UTC') q.set('tz', state.timeZone);
  const text = q.toString();
  return text ? `?${text}` : '';
}

const int = (text: string | null) => (text === null || text === '' ? null : Number(text));

/**
 * The state a link describes, as a whole-state patch over the defaults, not yet validated: the
 * server validates it (and `parseViewStateQuery` does for tests and tools).
 */
export function viewStateQueryCandidate(search: string): Record<string, unknown> {
  const q = new URLSearchParams(search);
  const brush = q.get('brush')?.split('~');
  const [column, direction] = (q.get('sort') ?? '').split('.');
  return {
    channels: q.getAll('ch'),
    filters: {
      from: q.get('from') || null,
      to: q.get('to') || null,
      minDuration: int(q.get('dmin')),
      maxDuration: int(q.get('dmax')),
      category: int(q.get('cat')),
      title: q.get('q') ?? '',
    },
    brush:
      brush && brush.length === 4
        ? { from: brush[0], to: brush[1], minViews: Number(brush[2]), maxViews: Number(brush[3]) }
        : null,
    sort: q.has('sort') ? { column, direction } : DEFAULT_STATE.sort,
    page: int(q.get('page')) ?? 0,
    video: q.get('video') || null,
    ...(q.has('tz') ? { timeZone: q.get('tz') } : {}),
  };
}

/** What an edited link got wrong and how it was read instead (the page words it). */
export type LinkCorrection =
  | {
      readonly kind:
        | 'sort'
        | 'from'
        | 'to'
        | 'brush'
        | 'dmin'
        | 'dmax'
        | 'cat'
        | 'pageText'
        | 'video'
        | 'channel'
        | 'duplicateChannel'
        | 'timeZone';
      readonly value: string;
    }
  | { readonly kind: 'dateOrder' | 'durationOrder' | 'q' | 'tooManyChannels' };

// As z.iso.datetime() takes them: UTC only, any fraction of a second.
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;

function wholeNumber(text: string, max: number): number | null {
  return /^\d{1,9}$/.test(text) && Number(text) <= max ? Number(text) : null;
}

function readBrush(text: string): Brush | null {
  const parts = text.split('~');
  if (parts.length !== 4) return null;
  const [from, to, lo, hi] = parts as [string, string, string, string];
  const minViews = Number(lo);
  const maxViews = Number(hi);
  const ok =
    ISO_INSTANT.test(from) &&
    ISO_INSTANT.test(to) &&
    inYearRange(from) &&
    inYearRange(to) &&
    !Number.isNaN(Date.parse(from)) &&
    Date.parse(from) <= Date.parse(to) &&
    from <= to && // the schema compares the text
    lo.trim() !== '' &&
    hi.trim() !== '' &&
    Number.isFinite(minViews) &&
    Number.isFinite(maxViews) &&
    minViews >= 0 &&
    minViews <= maxViews &&
    maxViews <= 1e13;
  return ok ? { from, to, minViews, maxViews } : null;
}

/**
 * Reads a link the way a person means it: every parameter that is valid is kept, every one that
 * is not is left out (or set back to its default) and listed, so the page can say what it
 * corrected instead of refusing the whole link or dropping parts silently. The rules are the
 * state schema's (viewState.ts), without zod: tests/container/viewStateUrl.test.ts holds every
 * result to that schema.
 */
export function readViewStateQuery(search: string): { patch: ViewStatePatch; corrections: LinkCorrection[] } {
  const q = new URLSearchParams(search);
  const corrections: LinkCorrection[] = [];
  const channels: string[] = [];
  for (const id of q.getAll('ch')) {
    if (!isChannelId(id)) corrections.push({ kind: 'channel', value: id });
    else if (channels.includes(id)) corrections.push({ kind: 'duplicateChannel', value: id });
    else if (channels.length === MAX_CHANNELS) {
      if (!corrections.some((c) => c.kind === 'tooManyChannels'))
        corrections.push({ kind: 'tooManyChannels' });
    } else channels.push(id);
  }
  const day = (name: 'from' | 'to') => {
    const text = q.get(name);
    if (!text) return null;
    if (isCalendarDay(text)) return text;
    corrections.push({ kind: name, value: text });
    return null;
  };
  const seconds = (name: 'dmin' | 'dmax') => {
    const text = q.get(name);
    if (text === null || text === '') return null;
    const value = wholeNumber(text, MAX_DURATION_SECONDS);
    if (value === null) corrections.push({ kind: name, value: text });
    return value;
  };
  const filters: Filters = {
    from: day('from'),
    to: day('to'),
    minDuration: seconds('dmin'),
    maxDuration: seconds('dmax'),
    category: null,
    title: q.get('q') ?? '',
  };
  if (filters.from && filters.to && filters.from > filters.to) {
    corrections.push({ kind: 'dateOrder' });
    filters.to = null;
  }
  if (
    filters.minDuration !== null &&
    filters.maxDuration !== null &&
    filters.minDuration > filters.maxDuration
  ) {
    corrections.push({ kind: 'durationOrder' });
    filters.maxDuration = null;
  }
  const cat = q.get('cat');
  if (cat) {
    filters.category = wholeNumber(cat, MAX_CATEGORY);
    if (filters.category === null) corrections.push({ kind: 'cat', value: cat });
  }
  if (filters.title.length > MAX_TITLE_QUERY) {
    corrections.push({ kind: 'q' });
    filters.title = filters.title.slice(0, MAX_TITLE_QUERY);
  }
  const brushText = q.get('brush');
  const brush = brushText ? readBrush(brushText) : null;
  if (brushText && !brush) corrections.push({ kind: 'brush', value: brushText });
  let sort = DEFAULT_STATE.sort;
  const sortText = q.get('sort');
  if (sortText) {
    const [column, direction] = sortText.split('.');
    const known = SORT_COLUMNS.find((c) => c === column);
    if (known && (direction === 'asc' || direction === 'desc')) sort = { column: known, direction };
    else corrections.push({ kind: 'sort', value: sortText });
  }
  // A page past the last one is corrected once the view says how many there are (main.ts).
  const pageText = q.get('page');
  let page = 0;
  if (pageText) {
    page = wholeNumber(pageText, MAX_PAGE) ?? 0;
    if (wholeNumber(pageText, MAX_PAGE) === null) corrections.push({ kind: 'pageText', value: pageText });
  }
  const videoText = q.get('video');
  const video = videoText && VIDEO_ID.test(videoText) ? videoText : null;
  if (videoText && !video) corrections.push({ kind: 'video', value: videoText });
  const patch: ViewStatePatch = { channels, filters, brush, sort, page, video };
  const zone = q.get('tz');
  if (zone && isTimeZone(zone)) patch.timeZone = zone;
  else if (zone) corrections.push({ kind: 'timeZone', value: zone });
  return { patch, corrections };
}
