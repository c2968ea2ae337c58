import type { ChannelReport } from '../../../../db/reports/contract/index.ts';
import { barChart } from '../../charts/barChart.ts';
import { columnChart } from '../../charts/columnChart.ts';
import { scatterPlot } from '../../charts/scatterPlot.ts';
import { DURATION_TICKS, formatCount, formatDecimal, formatDuration } from '../../charts/support/format.ts';
import { timeSeries } from '../../charts/timeSeries.ts';
import { chartCard, showFailure } from '../chartCard.ts';
import { el, fillRows, renderTable, role, type TableColumn } from '../dom.ts';
import { formatDayString } from '../freshness.ts';
import { loadChannelReport } from '../loadReports.ts';
import { startPage } from '../pageShell.ts';
import { setKpi } from './kpis.ts';
import { monthLabel } from './labels.ts';

const CARDS = ['viewsOverTime', 'videoScatter', 'viewsPerDay', 'cadence'];
/** Breakout rows drawn at first; the rest on request. */
const FIRST_BREAKOUTS = 20;

/** The channel id from `?id=UC…`, or from the hash (`#UC…` or `#id=UC…`). */
export function channelIdFromLocation(location: Pick<Location, 'search' | 'hash'>): string {
  const fromQuery = new URLSearchParams(location.search).get('id');
  if (fromQuery) return fromQuery.trim();
  const hash = decodeURIComponent(location.hash.replace(/^#/, ''));
  return (hash.startsWith('id=') ? hash.slice(3) : hash).trim();
}

function renderHeader(report: ChannelReport, siteDataAsOf: string | null) {
  const c = report.channel;
  document.title = `${c.title} · tubelens`;
  role(document, 'channel-title').textContent = c.title;
  const span =
    c.firstUpload && c.lastUpload
      ? `Uploads from ${formatDayString(c.firstUpload.slice(0, 10))} to ${formatDayString(c.lastUpload.slice(0, 10))}.`
      : 'No uploads recorded.';
  // A channel whose videos stopped getting snapshots is older than the rest of the site: say so.
  const behind =
    report.dataAsOf && siteDataAsOf && report.dataAsOf < siteDataAsOf
      ? ` Its newest statistics are from ${formatDayString(report.dataAsOf)}.`
      : '';
  role(document, 'channel-sub').textContent = `${c.handle ? `${c.handle} · ` : ''}${span}${behind}`;
  setKpi(
    'subscribers',
    c.subscribers === null ? 'not known' : formatCount(c.subscribers),
    c.subscribers ?? 0,
  );
  setKpi('videos', formatCount(c.videos), c.videos);
  setKpi('views', formatCount(c.views), c.views);
  setKpi('medianViews', formatCount(c.medianViews), c.medianViews);
  setKpi('likesPer1000', c.likesPer1000 === null ? '–' : formatDecimal(c.likesPer1000), c.likesPer1000 ?? 0);
  const gap = report.cadence.medianDaysBetweenUploads;
  setKpi('cadence', gap === null ? '–' : formatDecimal(gap), gap ?? 0);
}

function renderViewsOverTime(report: ChannelReport) {
  const card = chartCard('viewsOverTime');
  const points = report.viewsOverTime;
  if (points.length === 0) {
    card.showNotice('info', 'This channel has no daily snapshots yet, so there is no history to draw.');
    return;
  }
  if (points.length === 1) {
    card.setSubtitle(
      `One snapshot so far (${formatDayString(points[0]!.day)}): the line grows as daily snapshots arrive.`,
    );
  }
  card.showChart(
    (width) =>
      timeSeries(
        points.map((p) => ({ date: new Date(`${p.day}T00:00:00Z`), value: p.views })),
        {
          width,
          height: 280,
          label: `Total views of ${report.channel.title} over time`,
          unit: 'views',
          area: true,
        },
      ),
    renderTable(
      'Total views by day',
      [
        { label: 'Day', text: (p) => formatDayString(p.day) },
        { label: 'Views', numeric: true, text: (p) => p.views.toLocaleString('en-US') },
      ],
      points,
    ),
  );
}

function renderScatter(report: ChannelReport) {
  const card = chartCard('videoScatter');
  const videos = report.videos;
  if (videos.length === 0) {
    card.showNotice('info', 'This channel has no videos in the data.');
    return;
  }
  // Duration when every listed video has one (the 2017 data has none); otherwise age in days.
  const byDuration = videos.every((v) => v.durationSeconds !== null);
  const title = role(card.root, 'subtitle').previousElementSibling;
  if (title) title.textContent = byDuration ? 'Videos: views against length' : 'Videos: views against age';
  card.setSubtitle(
    `${byDuration ? 'Length' : 'Days since publication'} against views, both on log scales. ` +
      `Orange dots are breakouts: at least ${report.breakoutMultiplier}× the channel's median views.` +
      (report.videosListed < report.channel.videos
        ? ` The ${formatCount(report.videosListed)} most viewed of ${formatCount(report.channel.videos)} videos.`
        : '') +
      (byDuration ? '' : ' Video lengths are not known for this data.'),
  );
  card.showChart(
    (width) =>
      scatterPlot(
        videos.map((v) => ({
          x: byDuration ? (v.durationSeconds ?? 0) : v.ageDays,
          y: v.views,
          label: v.title,
          highlight: v.breakout,
        })),
        {
          width,
          height: 360,
          label: `Videos of ${report.channel.title}: views against ${byDuration ? 'length' : 'age'}`,
          xLabel: byDuration ? 'length' : 'days since publication',
          yLabel: 'views',
          formatX: byDuration ? formatDuration : formatCount,
          ...(byDuration ? { xTickCandidates: DURATION_TICKS } : {}),
          highlightLabel: 'breakout',
        },
      ),
    () =>
      renderTable(
        'Videos',
        [
          { label: 'Video', text: (v) => v.title, className: 'title' },
          { label: 'Published', text: (v) => formatDayString(v.publishedAt.slice(0, 10)) },
          byDuration
            ? { label: 'Length', numeric: true, text: (v) => formatDuration(v.durationSeconds ?? 0) }
            : { label: 'Age (days)', numeric: true, text: (v) => v.ageDays.toLocaleString('en-US') },
          { label: 'Views', numeric: true, text: (v) => v.views.toLocaleString('en-US') },
          { label: 'Breakout', text: (v) => (v.breakout ? 'yes' : '') },
        ],
        videos,
      ),
  );
}

function renderViewsPerDay(report: ChannelReport) {
  const card = chartCard('viewsPerDay');
  const top = [...report.videos].sort((a, b) => b.viewsPerDay - a.viewsPerDay).slice(0, 10);
  if (top.length === 0) {
    card.showNotice('info', 'This channel has no videos in the data.');
    return;
  }
  card.showChart(
    (width) =>
      barChart(
        top.map((v) => ({
          label: v.title,
          value: v.viewsPerDay,
          details: [`${formatCount(v.views)} views in ${formatCount(v.ageDays)} days`],
        })),
        { width, label: 'Videos with the most views per day since publication', unit: 'views per day' },
      ),
    renderTable(
      'Views per day since publication',
      [
        { label: 'Video', text: (v) => v.title, className: 'title' },
        {
          label: 'Views per day',
          numeric: true,
          text: (v) => Math.round(v.viewsPerDay).toLocaleString('en-US'),
        },
        { label: 'Days', numeric: true, text: (v) => v.ageDays.toLocaleString('en-US') },
      ],
      top,
    ),
  );
}

function renderCadence(report: ChannelReport) {
  const card = chartCard('cadence');
  const months = report.cadence.byMonth;
  if (months.length === 0) {
    card.showNotice('info', 'No uploads recorded for this channel.');
    return;
  }
  const gap = report.cadence.medianDaysBetweenUploads;
  card.setSubtitle(
    gap === null
      ? 'Uploads per month. Only one upload so far, so there is no typical gap yet.'
      : `Uploads per month. Typically ${formatDecimal(gap)} days between uploads.`,
  );
  card.showChart(
    (width) =>
      columnChart(
        months.map((m) => ({ label: monthLabel(m.month), value: m.uploads })),
        { width, height: 250, label: 'Uploads per month', unit: 'uploads' },
      ),
    renderTable(
      'Uploads per month',
      [
        { label: 'Month', text: (m) => monthLabel(m.month) },
        { label: 'Uploads', numeric: true, text: (m) => m.uploads.toLocaleString('en-US') },
      ],
      months,
    ),
  );
}

function renderBreakouts(report: ChannelReport) {
  const section = document.querySelector<HTMLElement>('[data-table="breakouts"]')!;
  const { breakouts, breakoutMultiplier } = report;
  role(section, 'subtitle').textContent =
    `Videos with at least ${breakoutMultiplier}× the channel's median of ${formatCount(report.channel.medianViews)} views.`;
  const slot = role(section, 'table');
  if (breakouts.length === 0) {
    slot.replaceChildren(
      el(
        'p',
        { class: 'notice info', role: 'status' },
        'No breakout videos: every video is within reach of the median.',
      ),
    );
  } else {
    // A big channel can have thousands of breakouts (3,014 for the busiest of 10,000 generated
    // channels): building all their rows up front cost 0.5 s of main-thread time in Lighthouse.
    const columns: TableColumn<ChannelReport['breakouts'][number]>[] = [
      { label: 'Video', text: (b) => b.title, className: 'title' },
      { label: 'Views', numeric: true, text: (b) => b.views.toLocaleString('en-US') },
      { label: '× median', numeric: true, text: (b) => `${formatDecimal(b.medianMultiple)}×` },
    ];
    const total = `${formatCount(breakouts.length)} breakout video${breakouts.length === 1 ? '' : 's'}`;
    const table = renderTable(
      breakouts.length > FIRST_BREAKOUTS ? `${total}, the ${FIRST_BREAKOUTS} most viewed` : total,
      columns,
      breakouts.slice(0, FIRST_BREAKOUTS),
    );
    slot.replaceChildren(table);
    if (breakouts.length > FIRST_BREAKOUTS) {
      const more = el(
        'button',
        { type: 'button', class: 'more' },
        `Show all ${formatCount(breakouts.length)}`,
      );
      more.addEventListener('click', () => {
        fillRows(table.tBodies[0]!, columns, breakouts);
        table.caption!.textContent = total;
        more.remove();
      });
      slot.append(more);
    }
  }
  slot.dataset.filled = '';
  section.dataset.state = 'drawn';
}

function notFound(message: string) {
  role(document, 'channel-title').textContent = 'Channel not found';
  const sub = role(document, 'channel-sub');
  sub.replaceChildren(
    document.createTextNode(`${message} `),
    el('a', { href: './channels.html' }, 'Browse all channels'),
    document.createTextNode('.'),
  );
  for (const id of CARDS) chartCard(id).showNotice('warn', message);
  const breakouts = document.querySelector<HTMLElement>('[data-table="breakouts"]');
  if (breakouts) breakouts.hidden = true;
}

/** Entry point of channel.html (`channel.html?id=<channelId>`). */
export function startChannelPage() {
  return startPage(async ({ data }) => {
    const id = channelIdFromLocation(window.location);
    if (!id) {
      notFound(
        'No channel was chosen: this page shows the channel named in its address (channel.html?id=…).',
      );
      return;
    }
    let report: ChannelReport | null;
    try {
      report = await loadChannelReport(data, id);
    } catch (error) {
      role(document, 'channel-title').textContent = 'Channel unavailable';
      role(document, 'channel-sub').textContent = (error as Error).message;
      for (const card of CARDS) showFailure(chartCard(card), error);
      return;
    }
    if (!report) {
      notFound(`There is no channel with the id "${id}" in the published data.`);
      return;
    }
    renderHeader(report, data.manifest.dataAsOf);
    renderViewsOverTime(report);
    renderScatter(report);
    renderViewsPerDay(report);
    renderCadence(report);
    renderBreakouts(report);
  });
}
