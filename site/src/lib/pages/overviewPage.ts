import type { ReportOf } from '../../../../db/reports/contract/index.ts';
import { barChart } from '../../charts/barChart.ts';
import { columnChart } from '../../charts/columnChart.ts';
import { heatmap } from '../../charts/heatmap.ts';
import { formatCount, formatDecimal, formatDurationShort } from '../../charts/support/format.ts';
import { timeSeries } from '../../charts/timeSeries.ts';
import { chartCard, showFailure } from '../chartCard.ts';
import { channelHref, el, fillRows, renderTable, type TableColumn } from '../dom.ts';
import { formatDayString } from '../freshness.ts';
import { loadReport, type PublishedData } from '../loadReports.ts';
import { eachSettled, startPage } from '../pageShell.ts';
import { engagementCard } from './engagementCard.ts';
import { setKpi } from './kpis.ts';
import { monthDate, monthLabel, WEEKDAYS } from './labels.ts';

type Overview = ReportOf<'overview'>;

/** The monthly charts show the last two years; older months go in a note. */
const MONTHS_SHOWN = 24;

function renderOverview(report: Overview) {
  const { totals } = report;
  setKpi('channels', formatCount(totals.channels), totals.channels);
  setKpi('videos', formatCount(totals.videos), totals.videos);
  setKpi('views', formatCount(totals.views), totals.views);
  setKpi('likes', formatCount(totals.likes), totals.likes);
  setKpi('comments', formatCount(totals.comments), totals.comments);

  const card = chartCard('topChannels');
  if (report.topChannels.length === 0) {
    card.showNotice('info', 'No channels have been loaded yet.');
    return;
  }
  card.setSubtitle(
    `The ${report.topChannels.length} most viewed channels, by the sum of their videos' views.`,
  );
  const rows = report.topChannels;
  card.showChart(
    (width) =>
      barChart(
        rows.map((c) => ({
          label: c.title,
          value: c.views,
          href: channelHref(c.channelId),
          details: [`${formatCount(c.videos)} videos`],
        })),
        { width, label: `Top ${rows.length} channels by views`, unit: 'views' },
      ),
    renderTable(`Top ${rows.length} channels by views`, channelColumns, rows),
  );
}

const channelColumns: TableColumn<Overview['topChannels'][number]>[] = [
  { label: 'Channel', text: (c) => c.title, href: (c) => channelHref(c.channelId), className: 'title' },
  { label: 'Views', numeric: true, text: (c) => c.views.toLocaleString('en-US') },
  { label: 'Videos', numeric: true, text: (c) => c.videos.toLocaleString('en-US') },
];

function renderMonthly(report: ReportOf<'monthly'>) {
  const uploads = chartCard('monthlyUploads');
  const views = chartCard('monthlyViews');
  // Trending data reaches back years for a few old videos: chart the recent months, say so.
  const months = report.months.slice(-MONTHS_SHOWN);
  const earlier = report.months.slice(0, -MONTHS_SHOWN);
  const earlierUploads = earlier.reduce((sum, m) => sum + m.uploads, 0);
  const earlierNote = earlier.length
    ? ` ${formatCount(earlierUploads)} videos published from ${monthLabel(earlier[0]!.month)} to ${monthLabel(earlier.at(-1)!.month)} are not shown.`
    : '';
  if (months.length === 0) {
    uploads.showNotice('info', 'No videos have been loaded yet, so there are no uploads to count.');
    views.showNotice('info', 'No videos have been loaded yet.');
    return;
  }
  const columns: TableColumn<(typeof months)[number]>[] = [
    { label: 'Month', text: (m) => monthLabel(m.month) },
    { label: 'Uploads', numeric: true, text: (m) => m.uploads.toLocaleString('en-US') },
    { label: 'Views', numeric: true, text: (m) => m.views.toLocaleString('en-US') },
  ];
  uploads.setSubtitle(
    `${months.length} months, ${monthLabel(months[0]!.month)} to ${monthLabel(months.at(-1)!.month)}.${earlierNote}`,
  );
  views.setSubtitle(`Latest views of the videos published in each month.${earlierNote}`);
  uploads.showChart(
    (width) =>
      columnChart(
        months.map((m) => ({ label: monthLabel(m.month), value: m.uploads })),
        { width, height: 260, label: 'Videos uploaded per month', unit: 'uploads' },
      ),
    renderTable('Uploads and views by month of publication', columns, months),
  );
  views.showChart(
    (width) =>
      timeSeries(
        months.map((m) => ({ date: monthDate(m.month), value: m.views })),
        {
          width,
          height: 260,
          label: 'Views of the videos published each month',
          unit: 'views',
          area: true,
          formatDate: (d) => monthLabel(d.toISOString().slice(0, 7)),
        },
      ),
    renderTable('Views of the videos published each month', columns, months),
  );
}

function renderCategories(report: ReportOf<'categories'>) {
  const card = chartCard('categories');
  const rows = report.categories;
  if (rows.length === 0) {
    card.showNotice('info', 'No videos have been loaded yet.');
    return;
  }
  card.showChart(
    (width) =>
      barChart(
        rows.map((c) => ({
          label: c.title,
          value: c.views,
          details: [
            `${formatCount(c.videos)} videos`,
            `median ${formatCount(c.medianViews)} views per video`,
          ],
        })),
        { width, label: 'Views by category', unit: 'views' },
      ),
    renderTable(
      'Views by category',
      [
        { label: 'Category', text: (c) => c.title },
        { label: 'Views', numeric: true, text: (c) => c.views.toLocaleString('en-US') },
        { label: 'Videos', numeric: true, text: (c) => c.videos.toLocaleString('en-US') },
        { label: 'Median views', numeric: true, text: (c) => c.medianViews.toLocaleString('en-US') },
      ],
      rows,
    ),
  );
}

function renderHeatmap(report: ReportOf<'publishHeatmap'>) {
  const card = chartCard('publishHeatmap');
  const cells = report.cells;
  if (cells.every((c) => c.uploads === 0)) {
    card.showNotice('info', 'No videos have been loaded yet, so there are no publishing times to show.');
    return;
  }
  const hours = Array.from({ length: 24 }, (_, h) => String(h).padStart(2, '0'));
  const describe = (row: number, column: number) =>
    `${WEEKDAYS[row]} ${hours[column]}:00–${hours[column]}:59 UTC`;
  card.showChart(
    (width) =>
      heatmap(
        cells.map((c) => ({
          row: c.weekday - 1,
          column: c.hour,
          value: c.uploads,
          details: [`median ${formatCount(c.medianViews)} views`],
        })),
        {
          width,
          label: 'Uploads by weekday and hour (UTC)',
          rowLabels: WEEKDAYS.map((d) => d.slice(0, 3)),
          columnLabels: hours,
          unit: 'uploads',
          describeCell: describe,
        },
      ),
    renderTable(
      'Uploads by weekday and hour (UTC)',
      [
        { label: 'Weekday', text: (c) => WEEKDAYS[c.weekday - 1] ?? '' },
        { label: 'Hour (UTC)', text: (c) => `${hours[c.hour]}:00` },
        { label: 'Uploads', numeric: true, text: (c) => c.uploads.toLocaleString('en-US') },
        { label: 'Median views', numeric: true, text: (c) => c.medianViews.toLocaleString('en-US') },
      ],
      cells,
    ),
  );
}

function renderDurations(report: ReportOf<'durations'>) {
  const card = chartCard('durations');
  if (report.state === 'unknown') {
    card.showNotice(
      'info',
      `${report.message} None of the ${formatCount(report.videos)} videos has a known length, so this chart is left out rather than guessed.`,
    );
    return;
  }
  const buckets = report.buckets;
  const label = (b: (typeof buckets)[number]) => durationBucketLabel(b.minSeconds, b.maxSeconds);
  card.setSubtitle(
    `Median views per video by length. ${formatCount(report.videosWithDuration)} of ${formatCount(report.videos)} videos have a known duration.`,
  );
  card.showChart(
    (width) =>
      columnChart(
        buckets.map((b) => ({
          label: label(b),
          value: b.medianViews,
          details: [`${formatCount(b.videos)} videos`],
        })),
        { width, height: 260, label: 'Median views by video length', unit: 'median views' },
      ),
    renderTable(
      'Median views by video length',
      [
        { label: 'Length', text: label },
        { label: 'Videos', numeric: true, text: (b) => b.videos.toLocaleString('en-US') },
        { label: 'Median views', numeric: true, text: (b) => b.medianViews.toLocaleString('en-US') },
      ],
      buckets,
    ),
  );
}

function renderEngagement(report: ReportOf<'engagement'>) {
  const likes = report.likesPer1000;
  setKpi('likesPer1000', likes.overall === null ? '–' : formatDecimal(likes.overall), likes.overall ?? 0);
  engagementCard(chartCard('engagementLikes'), likes, 'likes per 1,000 views', report.minViews);
  engagementCard(
    chartCard('engagementComments'),
    report.commentsPer1000,
    'comments per 1,000 views',
    report.minViews,
  );
}

function renderTopVideos(report: ReportOf<'topVideos'>) {
  const section = document.querySelector<HTMLElement>('[data-table="topVideos"]');
  if (!section) return;
  const slot = section.querySelector<HTMLElement>('[data-role="table"]')!;
  const columns: TableColumn<ReportOf<'topVideos'>['videos'][number]>[] = [
    { label: 'Video', text: (v) => v.title, className: 'title' },
    { label: 'Channel', text: (v) => v.channelTitle, href: (v) => channelHref(v.channelId) },
    { label: 'Published', text: (v) => formatDayString(v.publishedAt.slice(0, 10)), className: 'nowrap' },
    { label: 'Views', numeric: true, text: (v) => v.views.toLocaleString('en-US') },
    { label: 'Likes', numeric: true, text: (v) => v.likes.toLocaleString('en-US') },
    { label: 'Comments', numeric: true, text: (v) => v.comments.toLocaleString('en-US') },
  ];
  const shown = 20;
  const table = renderTable(
    `The ${Math.min(shown, report.videos.length)} most viewed videos`,
    columns,
    report.videos.slice(0, shown),
  );
  slot.replaceChildren(table);
  if (report.videos.length > shown) {
    const more = el('button', { type: 'button', class: 'more' }, `Show all ${report.videos.length}`);
    more.addEventListener('click', () => {
      fillRows(table.tBodies[0]!, columns, report.videos);
      table.caption!.textContent = `The ${report.videos.length} most viewed videos`;
      more.remove();
    });
    slot.append(more);
  }
  slot.dataset.filled = '';
  section.dataset.state = 'drawn';
}

function failSection(error: unknown) {
  const section = document.querySelector<HTMLElement>('[data-table="topVideos"]');
  const slot = section?.querySelector<HTMLElement>('[data-role="table"]');
  slot?.replaceChildren(el('p', { class: 'notice warn', role: 'status' }, (error as Error).message));
  if (slot) slot.dataset.filled = '';
}

async function render({ data }: { data: PublishedData }) {
  const failAll = (ids: string[]) => (error: unknown) => {
    for (const id of ids) showFailure(chartCard(id), error);
  };
  await eachSettled([
    () => loadReport(data, 'overview').then(renderOverview, failAll(['topChannels'])),
    () => loadReport(data, 'monthly').then(renderMonthly, failAll(['monthlyUploads', 'monthlyViews'])),
    () => loadReport(data, 'categories').then(renderCategories, failAll(['categories'])),
    () => loadReport(data, 'publishHeatmap').then(renderHeatmap, failAll(['publishHeatmap'])),
    () => loadReport(data, 'durations').then(renderDurations, failAll(['durations'])),
    () =>
      loadReport(data, 'engagement').then(
        renderEngagement,
        failAll(['engagementLikes', 'engagementComments']),
      ),
    () => loadReport(data, 'topVideos').then(renderTopVideos, failSection),
  ]);
}

/** Entry point of index.html. */
export function startOverviewPage() {
  return startPage(render);
}

/** "under 1 min", "1–4 min", "20 min–1 h", "1 h+". */
export function durationBucketLabel(minSeconds: number, maxSeconds: number | null): string {
  if (maxSeconds === null) return `${formatDurationShort(minSeconds)}+`;
  if (minSeconds === 0) return `under ${formatDurationShort(maxSeconds)}`;
  const from = formatDurationShort(minSeconds);
  const to = formatDurationShort(maxSeconds);
  return from.endsWith(' min') && to.endsWith(' min') ? `${from.slice(0, -4)}–${to}` : `${from}–${to}`;
}
