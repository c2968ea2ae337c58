/**
 * The view state's constants and pure helpers, free of zod so that the page's script can use
 * them without bundling the validators (the server validates everything the page sends).
 */
import type { Filters, ViewState, ViewStatePatch } from './viewState.ts';

/** At most this many channels are compared at once (each is a line in the comparison). */
export const MAX_CHANNELS = 12;
/** Rows per table page. */
export const PAGE_SIZE = 25;
/** Longest title query, in characters. */
export const MAX_TITLE_QUERY = 200;
/** Highest page number a state may ask for (0-based). */
export const MAX_PAGE = 100_000;
/** Longest duration a filter may name: a week, in seconds. */
export const MAX_DURATION_SECONDS = 7 * 86_400;
/** Highest category id a filter may name. */
export const MAX_CATEGORY = 100_000;
/** Longest channel id (YouTube ids or ids the loader derives from a title). */
export const MAX_CHANNEL_ID = 200;
/** A YouTube video id. */
export const VIDEO_ID = /^[\w-]{1,64}$/;

export const SORT_COLUMNS = [
  'published_at',
  'views',
  'likes',
  'comments',
  'duration_seconds',
  'title',
  'channel',
] as const;

export const EMPTY_FILTERS: Filters = Object.freeze({
  from: null,
  to: null,
  minDuration: null,
  maxDuration: null,
  category: null,
  title: '',
}) as Filters;

/**
 * PostgreSQL reads ISO dates of years 0001 to 9999 (it has no year 0000, which JavaScript takes
 * for 1 BC): anything else would be saved into the session and fail every later query.
 */
export function inYearRange(iso: string): boolean {
  return /^\d{4}-/.test(iso) && !iso.startsWith('0000-');
}

/** A day as YYYY-MM-DD in years 0001-9999 that exists in the calendar (not 2017-13-45, not 2024-02-31). */
export function isCalendarDay(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || !inYearRange(text)) return false;
  const time = Date.parse(`${text}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().startsWith(text);
}

/** A channel id: short text without control characters. */
export function isChannelId(id: string): boolean {
  return id.length >= 1 && id.length <= MAX_CHANNEL_ID && ![...id].some((ch) => ch.charCodeAt(0) < 32);
}

export const DEFAULT_STATE: ViewState = Object.freeze({
  channels: [],
  filters: EMPTY_FILTERS,
  brush: null,
  sort: { column: 'views', direction: 'desc' },
  page: 0,
  video: null,
}) as ViewState;

/**
 * Applies a patch. Changing what is selected (channels, filters, brush, sort) goes back to the
 * first page unless the patch names a page itself.
 */
export function applyPatch(state: ViewState, patch: ViewStatePatch): ViewState {
  const next: ViewState = { ...state, ...patch };
  const reselected =
    patch.channels !== undefined ||
    patch.filters !== undefined ||
    patch.brush !== undefined ||
    patch.sort !== undefined;
  if (reselected && patch.page === undefined) next.page = 0;
  return next;
}
