import type { ChannelIndexEntry } from '../../../../db/reports/contract/index.ts';
import { containsAllTerms, foldForSearch, searchTerms } from '../../text/foldForSearch.ts';

export type SortKey =
  | 'title'
  | 'subscribers'
  | 'videos'
  | 'views'
  | 'medianViews'
  | 'likesPer1000'
  | 'lastUpload';

export const SORT_KEYS: readonly SortKey[] = [
  'title',
  'subscribers',
  'videos',
  'views',
  'medianViews',
  'likesPer1000',
  'lastUpload',
];

/** Ids the loader made up from a title ("title:…") mean nothing to a reader: never searched. */
const DERIVED_ID = 'title:';
const folded = new WeakMap<ChannelIndexEntry, string>();

/** Title and handle, folded once per entry (10,000 channels are searched on every key). */
function haystack(c: ChannelIndexEntry): string {
  let text = folded.get(c);
  if (text === undefined) {
    text = foldForSearch(`${c.title}\n${c.handle ?? ''}`);
    folded.set(c, text);
  }
  return text;
}

/**
 * Channels whose title or handle contains every word of `query` anywhere (case, width and accents
 * ignored, so Japanese words match inside unspaced titles), or whose YouTube id is the query.
 */
export function filterChannels(channels: readonly ChannelIndexEntry[], query: string): ChannelIndexEntry[] {
  const terms = searchTerms(query);
  if (terms.length === 0) return [...channels];
  const id = query.trim();
  return channels.filter(
    (c) => containsAllTerms(haystack(c), terms) || (c.channelId === id && !id.startsWith(DERIVED_ID)),
  );
}

/** Sorted copy; unknown values (null) always last, ties by title. */
export function sortChannels(
  channels: readonly ChannelIndexEntry[],
  key: SortKey,
  descending: boolean,
  collator: Intl.Collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true }),
): ChannelIndexEntry[] {
  const sign = descending ? -1 : 1;
  return [...channels].sort((a, b) => {
    const x = a[key];
    const y = b[key];
    if (x === null && y !== null) return 1;
    if (y === null && x !== null) return -1;
    let order = 0;
    if (typeof x === 'string' && typeof y === 'string') order = collator.compare(x, y);
    else if (typeof x === 'number' && typeof y === 'number') order = x - y;
    return order * sign || collator.compare(a.title, b.title);
  });
}

/** The search and sort a channels-page link carries: `?q=ゲーム&sort=videos.asc`. */
export interface IndexQuery {
  readonly query: string;
  readonly sort: SortKey;
  readonly descending: boolean;
}

export const DEFAULT_INDEX_QUERY: IndexQuery = { query: '', sort: 'views', descending: true };

export function readIndexQuery(search: string): IndexQuery {
  const params = new URLSearchParams(search);
  const [key, direction] = (params.get('sort') ?? '').split('.');
  const sort = SORT_KEYS.find((k) => k === key);
  return {
    query: params.get('q') ?? '',
    sort: sort ?? DEFAULT_INDEX_QUERY.sort,
    descending: sort ? direction !== 'asc' : DEFAULT_INDEX_QUERY.descending,
  };
}

/** The query string for a search and sort, keeping the link's other parameters (lang, tz). */
export function writeIndexQuery(search: string, state: IndexQuery): string {
  const params = new URLSearchParams(search);
  params.delete('q');
  params.delete('sort');
  if (state.query) params.set('q', state.query);
  if (state.sort !== DEFAULT_INDEX_QUERY.sort || state.descending !== DEFAULT_INDEX_QUERY.descending) {
    params.set('sort', `${state.sort}.${state.descending ? 'desc' : 'asc'}`);
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}
