import type { GrowthGainer, GrowthReport } from '../../../../db/reports/contract/index.ts';
import { timeSeries } from '../../charts/timeSeries.ts';
import { createFormatters } from '../../i18n/formatters.ts';
import { type ChartCard, chartCard, showFailure } from '../chartCard.ts';
import { channelHref, el, renderTable, role, type TableColumn } from '../dom.ts';
import { describeDataError } from '../errors.ts';
import type { OverviewContext } from './overviewPage.ts';

type Metric = 'subscribers' | 'views' | 'videos';
type Period = 'day' | 'week' | 'month';
type Ctx = OverviewContext;

const signed = (n: number, l: Ctx) => `${n > 0 ? '+' : n < 0 ? '−' : ''}${l.format.count(Math.abs(n))}`;

function fill(name: string, ...content: HTMLElement[]) {
  const section = document.querySelector<HTMLElement>(`[data-table="${name}"]`)!;
  const slot = role(section, 'table');
  slot.replaceChildren(...content);
  slot.dataset.filled = '';
  section.dataset.state = 'drawn';
}

function drawDaily(card: ChartCard, report: GrowthReport, metric: Metric, l: Ctx) {
  const { format: f, t } = l;
  const label = t.growthChart(t.growthMetrics[metric]);
  const points = report.daily.map((d) => ({ date: new Date(`${d.day}T00:00:00Z`), value: d[metric] }));
  card.showChart(
    (width) =>
      timeSeries(points, {
        width,
        height: 260,
        label,
        unit: t.growthMetrics[metric],
        // Snapshot days are calendar days: the same in every zone.
        formatDate: (d) => f.calendarDay(d.toISOString()),
        locale: { ...l.chart, format: createFormatters(l.lang, 'UTC') },
      }),
    () =>
      renderTable(
        label,
        [
          { label: t.growthDay, text: (d) => f.calendarDay(d.day) },
          { label: t.growthChannels, numeric: true, text: (d) => f.whole(d.channels) },
          ...(['subscribers', 'views', 'videos'] as const).map((m) => ({
            label: t.growthMetrics[m],
            numeric: true,
            text: (d: GrowthReport['daily'][number]) => signed(d[m], l),
          })),
        ],
        report.daily,
      ),
  );
}

function gainsTable(report: GrowthReport, l: Ctx) {
  const { format: f, t } = l;
  const columns: TableColumn<Metric | 'channels'>[] = [
    { label: t.growthMetric, text: (m) => (m === 'channels' ? t.growthChannels : t.growthMetrics[m]) },
    ...(['day', 'week', 'month'] as Period[]).map((p) => ({
      label: t.growthPeriods[p],
      numeric: true,
      text: (m: Metric | 'channels') => {
        const gain = report.gains[p];
        if (!gain) return '–';
        return m === 'channels' ? f.whole(gain.channels) : signed(gain[m], l);
      },
    })),
  ];
  return renderTable(t.growthGainsCaption, columns, ['subscribers', 'views', 'videos', 'channels']);
}

function topTable(caption: string, rows: readonly GrowthGainer[], l: Ctx) {
  const { format: f, t } = l;
  if (rows.length === 0) return el('p', { class: 'notice info', role: 'status' }, t.noTopGainers);
  const c = t.topColumns;
  const columns: TableColumn<GrowthGainer>[] = [
    {
      label: c.channel,
      text: (r) => r.title,
      href: (r) => channelHref(r.channelId, l.lang),
      className: 'title',
    },
    { label: c.gained, numeric: true, text: (r) => signed(r.gained, l) },
    {
      label: c.subscribers,
      numeric: true,
      text: (r) => (r.subscribers === null ? '–' : f.count(r.subscribers)),
    },
    { label: c.days, numeric: true, text: (r) => f.whole(r.days) },
  ];
  return renderTable(caption, columns, rows);
}

function render(report: GrowthReport, l: Ctx) {
  const { format: f, t } = l;
  const card = chartCard('growthDaily');
  const switcher = role<HTMLFieldSetElement>(card.root, 'growth-metric');
  if (!report.lastDay || report.daily.length === 0) {
    switcher.hidden = true;
    card.showNotice('info', t.growthNone);
    fill('growthGainsAll', el('p', { class: 'notice info', role: 'status' }, t.growthNone));
    fill('growthTop', el('p', { class: 'notice info', role: 'status' }, t.growthNone));
    return;
  }
  card.setSubtitle(
    t.growthSub(
      l.common.channelsCount(report.channels, f.whole(report.channels)),
      f.calendarDay(report.lastDay),
    ),
  );
  const checked = () =>
    (switcher.querySelector<HTMLInputElement>('input:checked')?.value as Metric | undefined) ?? 'views';
  switcher.disabled = false;
  switcher.addEventListener('change', () => drawDaily(card, report, checked(), l));
  drawDaily(card, report, checked(), l);
  fill('growthGainsAll', gainsTable(report, l));
  fill(
    'growthTop',
    topTable(t.topSubscribers, report.top.subscribers, l),
    topTable(t.topViews, report.top.views, l),
  );
}

/** The overview's growth section; a report that failed to load says why in each of its parts. */
export function renderGrowthOverview(load: Promise<GrowthReport>, l: Ctx): Promise<void> {
  return load.then(
    (report) => render(report, l),
    (error: unknown) => {
      const card = chartCard('growthDaily');
      showFailure(card, error, l.common);
      role(card.root, 'growth-metric').hidden = true;
      const message = describeDataError(error, l.common);
      for (const name of ['growthGainsAll', 'growthTop']) {
        fill(name, el('p', { class: 'notice warn', role: 'status' }, message));
      }
    },
  );
}
