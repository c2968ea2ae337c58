/**
 * The view state's constants and pure helpers, free of zod so that the page's script can use
 * them without bundling the validators (the server validates everything the page sends).
 */
import type { Filters, ViewState, ViewStatePatch } from './viewState.ts';

/** At most this many channels are compared at once (each is a line in the comparison). */
export const MAX_CHANNELS = 12;
/** Rows per table page. */
export const PAGE_SIZE = 25;

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
