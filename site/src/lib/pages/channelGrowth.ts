import {
  type ChannelGrowth,
  type ChannelReport,
  type DailyGainRow,
  dailyGains,
  type GrowthDay,
} from '../../../../db/reports/contract/index.ts';
import { timeSeries } from '../../charts/timeSeries.ts';
import { createFormatters } from '../../i18n/formatters.ts';
import { chartCard } from '../chartCard.ts';
import { el, renderTable, role, type TableColumn } from '../dom.ts';
import type { ChannelContext } from './channelPage.ts';

/** The growth section's chart cards. */
export const GROWTH_CARDS = ['growthSubscribers', 'growthViews', 'growthUploads'] as const;
type Metric = 'subscribers' | 'views' | 'videos';
type Period = 'day' | 'week' | 'month';
const DAILY_ROWS = 30;

/** Sentences that sit in the page's HTML (data-* of the growth section): no script carries them. */
const html = () =>
  (document.querySelector<HTMLElement>('[data-growth]')?.dataset ?? {}) as Record<string, string>;
const PERIOD_DAYS: Record<Period, number> = { day: 1, week: 7, month: 28 };

/** +1,234 / −12.3K / 0, in the page's number format. */
export const signed = (n: number, l: ChannelContext) =>
  `${n > 0 ? '+' : n < 0 ? '−' : ''}${l.format.count(Math.abs(n))}`;

function fillSlot(name: string, content: HTMLElement) {
  const section = document.querySelector<HTMLElement>(`[data-table="${name}"]`)!;
  const slot = role(section, 'table');
  slot.replaceChildren(content);
  slot.dataset.filled = '';
  section.dataset.state = 'drawn';
  return section;
}

function renderChart(
  id: (typeof GROWTH_CARDS)[number],
  days: readonly GrowthDay[],
  metric: Metric,
  label: string,
  unit: string,
  l: ChannelContext,
) {
  const { format: f, t } = l;
  const card = chartCard(id);
  const points = days.flatMap((d) =>
    d[metric] === null ? [] : [{ date: new Date(`${d.day}T00:00:00Z`), value: d[metric]! }],
  );
  if (points.length === 0) {
    card.showNotice('info', metric === 'subscribers' ? html().subscribersHidden! : html().noSnapshots!);
    return;
  }
  card.showChart(
    (width) =>
      timeSeries(points, {
        width,
        height: 250,
        label,
        unit,
        // Rounded subscriber counts and video counts move in steps: drawn as they are reported.
        step: metric !== 'views',
        zero: false,
        // Snapshot days are calendar days, not instants: the same in every zone.
        formatDate: (d) => f.calendarDay(d.toISOString()),
        locale: { ...l.chart, format: createFormatters(l.lang, 'UTC') },
      }),
    () =>
      renderTable(
        label,
        [
          { label: t.dailyColumns.day, text: (p) => f.calendarDay(p.date.toISOString()) },
          { label: t.metrics[metric], numeric: true, text: (p) => f.whole(p.value) },
        ],
        points,
      ),
  );
}

function renderGains(growth: ChannelGrowth, l: ChannelContext) {
  const { format: f, t } = l;
  const cell = (metric: Metric, period: Period) => {
    const gain = growth.gains[period];
    const value = gain?.[metric] ?? null;
    if (!gain || value === null) return '–';
    const text =
      metric === 'subscribers' && growth.subscriberStep > 1
        ? t.withStep(signed(value, l), f.count(growth.subscriberStep))
        : signed(value, l);
    return gain.days === PERIOD_DAYS[period]
      ? text
      : t.overDays(text, l.common.days(gain.days, f.whole(gain.days)));
  };
  const columns: TableColumn<Metric>[] = [
    { label: t.metric, text: (m) => t.metrics[m] },
    ...(['day', 'week', 'month'] as const).map((p) => ({
      label: t.periods[p],
      numeric: true,
      text: (m: Metric) => cell(m, p),
    })),
  ];
  const section = fillSlot(
    'growthGains',
    renderTable(t.gainsCaption, columns, ['subscribers', 'views', 'videos']),
  );
  const m = growth.milestone;
  let text = html().milestoneNone!;
  if (m) {
    const pace = t.pace(signed(Math.round(m.perDay), l), l.common.days(m.basisDays, f.whole(m.basisDays)));
    const target = f.count(m.target);
    if (!m.projectedDay) text = t.milestoneOutOfSight(target, pace);
    else {
      const range =
        m.earliestDay && m.latestDay
          ? t.milestoneBetween(f.calendarDay(m.earliestDay), f.calendarDay(m.latestDay))
          : t.milestoneOpen(f.calendarDay(m.earliestDay ?? m.projectedDay));
      text = t.milestone(target, f.calendarDay(m.projectedDay), range, pace);
    }
  }
  role(section, 'milestone').textContent = text;
}

function renderDaily(growth: ChannelGrowth, l: ChannelContext) {
  const { format: f, t } = l;
  const rows = dailyGains(growth.days, DAILY_ROWS);
  const number = (n: number | null) => (n === null ? '–' : f.whole(n));
  const change = (n: number | null) => (n === null ? '–' : signed(n, l));
  // Rounded counts move in steps: a day without one says so ("–", titled) rather than "+0".
  const step = (n: number | null) =>
    n === null || (n === 0 && growth.subscriberStep > 1) ? '–' : signed(n, l);
  const columns: TableColumn<DailyGainRow>[] = [
    {
      label: t.dailyColumns.day,
      text: (r) =>
        `${f.calendarDay(r.day)}${r.days && r.days > 1 ? t.gapDays(l.common.days(r.days, f.whole(r.days))) : ''}`,
    },
    {
      label: t.dailyColumns.subscribers,
      numeric: true,
      text: (r) => (r.subscribers === null ? '–' : f.count(r.subscribers)),
    },
    { label: t.dailyColumns.subscribersChange, numeric: true, text: (r) => step(r.subscribersChange) },
    { label: t.dailyColumns.views, numeric: true, text: (r) => number(r.views) },
    { label: t.dailyColumns.viewsChange, numeric: true, text: (r) => change(r.viewsChange) },
    { label: t.dailyColumns.videos, numeric: true, text: (r) => number(r.videos) },
    { label: t.dailyColumns.videosChange, numeric: true, text: (r) => change(r.videosChange) },
  ];
  const table = renderTable(t.dailyCaption(rows.length), columns, rows);
  for (const [i, td] of [...table.querySelectorAll('tbody td:nth-child(3)')].entries()) {
    if (td.textContent === '–' && rows[i]?.subscribersChange === 0)
      td.setAttribute('title', html().noVisibleChange!);
  }
  fillSlot('dailyGains', table);
}

function renderEmpty(message: string) {
  for (const id of GROWTH_CARDS) chartCard(id).showNotice('info', message);
  const section = fillSlot('growthGains', el('p', { class: 'notice info', role: 'status' }, message));
  role(section, 'milestone').textContent = '';
  fillSlot('dailyGains', el('p', { class: 'notice info', role: 'status' }, message));
}

/** The channel page's growth section: gains, the next milestone, three series, the daily table. */
export function renderChannelGrowth(report: ChannelReport, l: ChannelContext) {
  const { format: f, t } = l;
  const growth = report.growth;
  const note = role(document, 'growth-step');
  if (!growth || growth.days.length === 0) {
    note.textContent = '';
    renderEmpty(html().noSnapshots!);
    return;
  }
  note.textContent = growth.subscriberStep > 1 ? t.growthStep(f.count(growth.subscriberStep)) : '';
  if (growth.days.length === 1) {
    renderEmpty(t.oneChannelSnapshot(f.calendarDay(growth.days[0]!.day)));
    return;
  }
  const name = report.channel.title;
  renderGains(growth, l);
  renderChart(
    'growthSubscribers',
    growth.days,
    'subscribers',
    t.subscribersChart(name),
    t.subscribersUnit,
    l,
  );
  renderChart('growthViews', growth.days, 'views', t.channelViewsChart(name), l.common.views, l);
  renderChart('growthUploads', growth.days, 'videos', t.videosChart(name), t.videosUnit, l);
  renderDaily(growth, l);
}
