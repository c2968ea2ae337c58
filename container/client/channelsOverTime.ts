// The explorer's "channels over time" section: one line per selected channel, views or
// subscribers, absolute or indexed to 100 at each channel's first day, coloured as the channel
// is everywhere else on the page (its place in the selection) with a legend.
import { type LineSeries, lineChart } from '../../site/src/charts/index.ts';
import type { ChannelSeries } from '../shared/protocol.ts';
import { byId, el, widthOf } from './dom.ts';
import { type Ui, view } from './explorerView.ts';

type Metric = 'views' | 'subscribers';
let section: HTMLElement | undefined;

function radios(name: string, legend: string, options: [string, string][]) {
  return el(
    'fieldset',
    { class: 'switch', 'data-role': name },
    el('legend', {}, legend),
    ...options.map(([value, label], i) => {
      const input = el('input', { type: 'radio', name: `over-time-${name}`, value });
      input.checked = i === 0;
      return el('label', {}, input, ` ${label}`);
    }),
  );
}

/** The section, made once and placed after the scatter (index.html stays as it is). */
function ensureSection(ui: Ui): HTMLElement {
  if (section) return section;
  const s = ui.locale.t.overTime;
  section = el(
    'section',
    { 'aria-labelledby': 'over-time-heading', id: 'over-time' },
    el('h2', { id: 'over-time-heading' }, s.heading),
    radios('metric', s.metric, [
      ['views', s.views],
      ['subscribers', s.subscribers],
    ]),
    radios('scale', s.scale, [
      ['absolute', s.absolute],
      ['indexed', s.indexed],
    ]),
    el('p', { class: 'note', id: 'over-time-note' }),
    el('div', { class: 'chart', id: 'over-time-chart' }),
  );
  section.addEventListener('change', () => draw(ui));
  byId('scatter').closest('section')?.after(section);
  return section;
}

const picked = (name: string) =>
  section?.querySelector<HTMLInputElement>(`[data-role="${name}"] input:checked`)?.value;

/** One line per channel with the metric; the names of those without it, or that start at 0. */
function lines(series: readonly ChannelSeries[], metric: Metric, indexed: boolean) {
  const title = (id: string) => view.channelTitles[id] ?? id;
  const out = { lines: [] as LineSeries[], missing: [] as string[], flat: [] as string[] };
  for (const [i, c] of series.entries()) {
    const points = c.days.flatMap((day, k) => {
      const v = c[metric][k];
      return v === null || v === undefined ? [] : [{ x: Date.parse(`${day}T00:00:00Z`), y: v }];
    });
    const base = points[0]?.y;
    if (base === undefined) out.missing.push(title(c.channelId));
    else if (indexed && base <= 0) out.flat.push(title(c.channelId));
    else {
      out.lines.push({
        label: title(c.channelId),
        colour: i,
        points: indexed ? points.map((p) => ({ x: p.x, y: (p.y / base) * 100 })) : points,
      });
    }
  }
  return out;
}

function draw(ui: Ui) {
  const s = ui.locale.t.overTime;
  const box = byId('over-time-chart');
  const note = byId('over-time-note');
  const series = view.parts.growth ?? [];
  if (series.length === 0 || view.state.channels.length === 0) {
    note.textContent = '';
    box.replaceChildren(el('p', { class: 'note' }, s.pick));
    return;
  }
  const metric: Metric = picked('metric') === 'subscribers' ? 'subscribers' : 'views';
  const indexed = picked('scale') === 'indexed';
  const label = metric === 'views' ? s.views : s.subscribers;
  const drawn = lines(series, metric, indexed);
  const fromVideos = series
    .filter((c) => c.viewsSource === 'videos')
    .map((c) => view.channelTitles[c.channelId] ?? c.channelId);
  note.textContent = [
    metric === 'views' && fromVideos.length ? s.fromVideos(fromVideos.join(', ')) : '',
    metric === 'subscribers' && drawn.lines.length ? s.rounded : '',
    drawn.missing.length ? s.missing(label, drawn.missing.join(', ')) : '',
    drawn.flat.length ? s.notIndexed(drawn.flat.join(', ')) : '',
  ]
    .filter(Boolean)
    .join(' ');
  if (drawn.lines.length === 0) {
    box.replaceChildren(el('p', { class: 'note' }, s.nothing(label)));
    return;
  }
  box.replaceChildren(
    lineChart(drawn.lines, {
      width: widthOf(box),
      height: 320,
      label: s.chart(label, indexed),
      x: 'time',
      xLabel: '',
      yLabel: s.axis(label, indexed),
      step: metric === 'subscribers' && !indexed,
      // Snapshot days are calendar days: the same in every zone.
      locale: ui.locale.utcChart,
    }),
  );
}

/** Draws the section from the view's `growth` part and the selected channels' titles. */
export function renderChannelsOverTime(ui: Ui) {
  ensureSection(ui);
  draw(ui);
}
