/**
 * The view state as readable query parameters, so a copied link reopens the same view and the
 * browser's back and forward buttons move through views. Parameters at their default are left out.
 *
 *   ?ch=UC1&ch=UC2&from=2024-01-01&to=2024-03-31&dmin=60&dmax=600&cat=10&q=cooking
 *    &brush=2024-01-05T00:00:00.000Z~2024-02-01T00:00:00.000Z~1000~50000&sort=views.desc&page=2&video=abc
 */
import { DEFAULT_STATE } from './viewDefaults.ts';
import type { ViewState } from './viewState.ts';

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
  };
}
