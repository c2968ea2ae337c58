import { timeZoneLabel } from '../../site/src/i18n/timeZones.ts';
import type { Filters } from '../shared/viewState.ts';
import { byId, el } from './dom.ts';
import { type Ui, view } from './explorerView.ts';

const form = () => byId<HTMLFormElement>('filters');
const field = (name: string) => form().elements.namedItem(name) as HTMLInputElement | HTMLSelectElement;

/** Writes the state's filters into the form, except into the field the reader is typing in. */
export function renderFilters({ locale }: Ui) {
  const { t, lang } = locale;
  const select = field('category') as HTMLSelectElement;
  if (select.options.length !== view.categories.length + 1) {
    select.replaceChildren(
      el('option', { value: '' }, t.anyCategory),
      ...view.categories.map((c) => el('option', { value: String(c.categoryId) }, c.title)),
    );
  }
  const f = view.state.filters;
  const values: Record<string, string> = {
    from: f.from ?? '',
    to: f.to ?? '',
    minDuration: f.minDuration === null ? '' : String(f.minDuration / 60),
    maxDuration: f.maxDuration === null ? '' : String(f.maxDuration / 60),
    category: f.category === null ? '' : String(f.category),
    title: f.title,
  };
  for (const [name, value] of Object.entries(values)) {
    const input = field(name);
    if (document.activeElement !== input && input.value !== value) input.value = value;
  }
  byId('zone-note').textContent = t.timeZoneNote(timeZoneLabel(view.state.timeZone ?? 'UTC', lang));
}

/** What is wrong with the form's filters as typed, if anything (they are not sent until fixed). */
export type FilterProblem = 'minutes' | 'dates' | null;

/** The filters as the form shows them, and whether two of its bounds contradict each other. */
export function readFilters(): { filters: Filters; problem: FilterProblem } {
  const value = (name: string) => field(name).value.trim();
  const minutes = (name: string) => {
    const text = value(name);
    const n = Number(text);
    return text === '' || !Number.isFinite(n) || n < 0 ? null : Math.round(n * 60);
  };
  const filters: Filters = {
    from: value('from') || null,
    to: value('to') || null,
    minDuration: minutes('minDuration'),
    maxDuration: minutes('maxDuration'),
    category: value('category') === '' ? null : Number(value('category')),
    title: value('title'),
  };
  const shorterLongest =
    filters.minDuration !== null && filters.maxDuration !== null && filters.minDuration > filters.maxDuration;
  const endBeforeStart = filters.from !== null && filters.to !== null && filters.from > filters.to;
  return { filters, problem: shorterLongest ? 'minutes' : endBeforeStart ? 'dates' : null };
}

/** Under the fields: why the filters are not applied while two bounds contradict each other. */
export function showFilterProblem({ locale: { t } }: Ui, problem: FilterProblem) {
  const note = byId('filter-note');
  note.hidden = problem === null;
  note.textContent = problem === 'minutes' ? t.minutesOrder : problem === 'dates' ? t.errors.dateOrder : '';
}
