import type { ReportOf } from '../../../../db/reports/contract/index.ts';
import { barChart } from '../../charts/barChart.ts';
import { columnChart } from '../../charts/columnChart.ts';
import { timeSeries } from '../../charts/timeSeries.ts';
import type { ChartMessages, CommonMessages, OverviewMessages } from '../../i18n/catalogue.ts';
import type { Lang } from '../../i18n/languages.ts';
import { chartCard, showFailure } from '../chartCard.ts';
import { channelHref, el, fillRows, renderTable, type TableColumn } from '../dom.ts';
import { describeDataError } from '../errors.ts';
import { loadReport, type PublishedData } from '../loadReports.ts';
import { eachSettled, startPage } from '../pageShell.ts';
import type { SiteLocale } from '../siteLocale.ts';
import { renderDurations } from './durationsCard.ts';
import { engagementCard } from './engagementCard.ts';
import { renderHeatmap } from './heatmapCard.ts';
import { setKpi } from './kpis.ts';
import { renderGrowthOverview } from './overviewGrowth.ts';

type Overview = ReportOf<'overview'>;
/** What the overview's cards draw with: the page's locale and the overview's strings. */
export interface OverviewContext extends SiteLocale {
  readonly t: OverviewMessages;
}
type Ctx = OverviewContext;

/** The monthly charts show the last two years; older months go in a note. */
const MONTHS_SHOWN = 24;

function renderOverview(report: Overview, l: Ctx) {
  const { totals } = report;
  const { format: f, t } = l;
  for (const key of ['channels', 'videos', 'views', 'likes', 'comments'] as const) {
    setKpi(key, f.count(totals[key]), f.whole(totals[key]), totals[key]);
  }
  const card = chartCard('topChannels');
  if (report.topChannels.length === 0) {
    card.showNotice('info', t.noChannels);
    return;
  }
  const rows = report.topChannels;
  card.setSubtitle(t.topChannelsSub(rows.length));
  const columns: TableColumn<Overview['topChannels'][number]>[] = [
    {
      label: t.channel,
      text: (c) => c.title,
      href: (c) => channelHref(c.channelId, l.lang),
      className: 'title',
    },
    { label: t.views, numeric: true, text: (c) => f.whole(c.views) },
    { label: t.videos, numeric: true, text: (c) => f.whole(c.videos) },
  ];
  card.showChart(
    (width) =>
      barChart(
        rows.map((c) => ({
          label: c.title,
          value: c.views,
          href: channelHref(c.channelId, l.lang),
          details: [l.common.videos(c.videos, f.count(c.videos))],
        })),
        { width, label: t.topChannels(rows.length), unit: l.common.views, locale: l.chart },
      ),
    renderTable(t.topChannels(rows.length), columns, rows),
  );
}

function renderMonthly(report: ReportOf<'monthly'>, l: Ctx) {
  const { format: f, t } = l;
  const uploads = chartCard('monthlyUploads');
  const views = chartCard('monthlyViews');
  // Trending data reaches back years for a few old videos: chart the recent months, say so.
  const months = report.months.slice(-MONTHS_SHOWN);
  const earlier = report.months.slice(0, -MONTHS_SHOWN);
  const earlierUploads = earlier.reduce((sum, m) => sum + m.uploads, 0);
  const earlierNote = earlier.length
    ? t.earlierLeftOut(
        l.common.videos(earlierUploads, f.count(earlierUploads)),
        f.calendarMonth(earlier[0]!.month),
        f.calendarMonth(earlier.at(-1)!.month),
      )
    : '';
  if (months.length === 0) {
    uploads.showNotice('info', t.noUploads);
    views.showNotice('info', t.noVideos);
    return;
  }
  const columns: TableColumn<(typeof months)[number]>[] = [
    { label: t.month, text: (m) => f.calendarMonth(m.month) },
    { label: t.uploads, numeric: true, text: (m) => f.whole(m.uploads) },
    { label: t.views, numeric: true, text: (m) => f.whole(m.views) },
  ];
  uploads.setSubtitle(
    t.monthsSpan(
      l.common.months(months.length),
      f.calendarMonth(months[0]!.month),
      f.calendarMonth(months.at(-1)!.month),
    ) + earlierNote,
  );
  views.setSubtitle(t.monthlyViewsSub + earlierNote);
  uploads.showChart(
    (width) =>
      columnChart(
        months.map((m) => ({ label: f.calendarMonth(m.month), value: m.uploads })),
        { width, height: 260, label: t.uploadsPerMonth, unit: t.uploadsUnit, locale: l.chart },
      ),
    renderTable(t.byMonthTable, columns, months),
  );
  views.showChart(
    (width) =>
      timeSeries(
        months.map((m) => ({ date: new Date(`${m.month}-01T00:00:00Z`), value: m.views })),
        {
          width,
          height: 260,
          label: t.viewsByMonth,
          unit: l.common.views,
          area: true,
          interval: 'month',
          formatDate: (d) => f.calendarMonth(d.toISOString()),
          locale: l.chart,
        },
      ),
    renderTable(t.viewsByMonth, columns, months),
  );
}

function renderCategories(report: ReportOf<'categories'>, l: Ctx) {
  const { format: f, t } = l;
  const card = chartCard('categories');
  const rows = report.categories;
  if (rows.length === 0) {
    card.showNotice('info', t.noVideos);
    return;
  }
  card.showChart(
    (width) =>
      barChart(
        rows.map((c) => ({
          label: c.title,
          value: c.views,
          details: [
            l.common.videos(c.videos, f.count(c.videos)),
            t.medianViewsPerVideo(f.count(c.medianViews)),
          ],
        })),
        { width, label: t.viewsByCategory, unit: l.common.views, locale: l.chart },
      ),
    renderTable(
      t.viewsByCategory,
      [
        { label: t.category, text: (c) => c.title },
        { label: t.views, numeric: true, text: (c) => f.whole(c.views) },
        { label: t.videos, numeric: true, text: (c) => f.whole(c.videos) },
        { label: t.medianViews, numeric: true, text: (c) => f.whole(c.medianViews) },
      ],
      rows,
    ),
  );
}

function renderEngagement(report: ReportOf<'engagement'>, l: Ctx) {
  const likes = report.likesPer1000;
  const overall = likes.overall;
  setKpi(
    'likesPer1000',
    overall === null ? '–' : l.format.decimal(overall),
    overall === null ? '–' : l.format.decimal(overall),
    overall ?? 0,
  );
  engagementCard(chartCard('engagementLikes'), likes, 'likes', report.minViews, l);
  engagementCard(chartCard('engagementComments'), report.commentsPer1000, 'comments', report.minViews, l);
}

function renderTopVideos(report: ReportOf<'topVideos'>, l: Ctx) {
  const { format: f, t } = l;
  const section = document.querySelector<HTMLElement>('[data-table="topVideos"]');
  if (!section) return;
  const slot = section.querySelector<HTMLElement>('[data-role="table"]')!;
  const columns: TableColumn<ReportOf<'topVideos'>['videos'][number]>[] = [
    { label: t.video, text: (v) => v.title, className: 'title' },
    { label: t.channel, text: (v) => v.channelTitle, href: (v) => channelHref(v.channelId, l.lang) },
    { label: t.published, text: (v) => f.day(new Date(v.publishedAt)), className: 'nowrap' },
    { label: t.views, numeric: true, text: (v) => f.whole(v.views) },
    { label: t.likes, numeric: true, text: (v) => f.whole(v.likes) },
    { label: t.comments, numeric: true, text: (v) => f.whole(v.comments) },
  ];
  const shown = 20;
  const table = renderTable(
    t.mostViewed(Math.min(shown, report.videos.length)),
    columns,
    report.videos.slice(0, shown),
  );
  slot.replaceChildren(table);
  if (report.videos.length > shown) {
    const more = el(
      'button',
      { type: 'button', class: 'more' },
      l.common.showAll(f.whole(report.videos.length)),
    );
    more.addEventListener('click', () => {
      fillRows(table.tBodies[0]!, columns, report.videos);
      table.caption!.textContent = t.mostViewed(report.videos.length);
      more.remove();
    });
    slot.append(more);
  }
  slot.dataset.filled = '';
  section.dataset.state = 'drawn';
}

function failSection(error: unknown, l: Ctx) {
  const slot = document.querySelector<HTMLElement>('[data-table="topVideos"] [data-role="table"]');
  if (!slot) return;
  slot.replaceChildren(el('p', { class: 'notice warn', role: 'status' }, describeDataError(error, l.common)));
  slot.dataset.filled = '';
}

async function render(data: PublishedData, l: Ctx) {
  const failAll = (ids: string[]) => (error: unknown) => {
    for (const id of ids) showFailure(chartCard(id), error, l.common);
  };
  await eachSettled([
    () => loadReport(data, 'overview').then((r) => renderOverview(r, l), failAll(['topChannels'])),
    () =>
      loadReport(data, 'monthly').then(
        (r) => renderMonthly(r, l),
        failAll(['monthlyUploads', 'monthlyViews']),
      ),
    () => loadReport(data, 'categories').then((r) => renderCategories(r, l), failAll(['categories'])),
    () => loadReport(data, 'publishHeatmap').then((r) => renderHeatmap(r, l), failAll(['publishHeatmap'])),
    () => loadReport(data, 'durations').then((r) => renderDurations(r, l), failAll(['durations'])),
    () =>
      loadReport(data, 'engagement').then(
        (r) => renderEngagement(r, l),
        failAll(['engagementLikes', 'engagementComments']),
      ),
    () =>
      loadReport(data, 'topVideos').then(
        (r) => renderTopVideos(r, l),
        (e) => failSection(e, l),
      ),
    () => renderGrowthOverview(loadReport(data, 'growth'), l),
  ]);
}

/** Entry point of index.html and its translations (see src/pages). */
export function startOverviewPage(messages: {
  lang: Lang;
  charts: ChartMessages;
  common: CommonMessages;
  overview: OverviewMessages;
}) {
  return startPage({ ...messages, page: 'index' }, ({ data, locale }) =>
    render(data, { ...locale, t: messages.overview }),
  );
}
