import type { ChannelIndexEntry } from '../../../../db/reports/contract/index.ts';

export type SortKey =
  | 'title'
  | 'subscribers'
  | 'videos'
  | 'views'
  | 'medianViews'
  | 'likesPer1000'
  | 'lastUpload';

/** Channels whose title, handle or id contains every word of `query` (case- and accent-insensitive). */
export function filterChannels(channels: readonly ChannelIndexEntry[], query: string): ChannelIndexEntry[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...channels];
  return channels.filter((c) => {
    const haystack = fold(`${c.title} ${c.handle ?? ''} ${c.channelId}`);
    return words.every((w) => haystack.includes(w));
  });
}

function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/** Sorted copy; unknown values (null) always last, ties by title. */
export function sortChannels(
  channels: readonly ChannelIndexEntry[],
  key: SortKey,
  descending: boolean,
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
