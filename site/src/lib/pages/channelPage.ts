import type { ChannelReport } from '../../../../db/reports/contract/index.ts';
import { barChart } from '../../charts/barChart.ts';
import { columnChart } from '../../charts/columnChart.ts';
import { scatterPlot } from '../../charts/scatterPlot.ts';
import { DURATION_TICKS } from '../../charts/support/durationTicks.ts';
import { timeSeries } from '../../charts/timeSeries.ts';
import type { ChannelMessages, ChartMessages, CommonMessages } from '../../i18n/catalogue.ts';
import { createFormatters } from '../../i18n/formatters.ts';
import { type Lang, pageFile } from '../../i18n/languages.ts';
import { chartCard } from '../chartCard.ts';
import { el, renderTable, role } from '../dom.ts';
import { describeDataError } from '../errors.ts';
import { loadChannelReport } from '../loadReports.ts';
import { nextTask } from '../nextTask.ts';
import { startPage } from '../pageShell.ts';
import type { SiteConfig } from '../siteConfig.ts';
import type { SiteLocale } from '../siteLocale.ts';
import { renderBreakouts } from './breakoutsTable.ts';
import { GROWTH_CARDS, renderChannelGrowth } from './channelGrowth.ts';
import { renderChannelPerformance } from './channelPerformance.ts';
import { setKpi } from './kpis.ts';

const CARDS = ['viewsOverTime', 'videoScatter', 'viewsPerDay', 'cadence', 'ageCurves', ...GROWTH_CARDS];

/** What a channel page's cards draw with: the page's locale and the page's strings. */
export interface ChannelContext extends SiteLocale {
  readonly t: ChannelMessages;
}
type Ctx = ChannelContext;

/** The channel id from `?id=UC…`, or from the hash (`#UC…` or `#id=UC…`). */
export function channelIdFromLocation(location: Pick<Location, 'search' | 'hash'>): string {
  const fromQuery = new URLSearchParams(location.search).get('id');
  if (fromQuery) return fromQuery.trim();
  const hash = decodeURIComponent(location.hash.replace(/^#/, ''));
  return (hash.startsWith('id=') ? hash.slice(3) : hash).trim();
}

function renderHeader(report: ChannelReport, siteDataAsOf: string | null, config: SiteConfig, l: Ctx) {
  const { format: f, t } = l;
  const c = report.channel;
  document.title = t.title(c.title);
  role(document, 'channel-title').textContent = c.title;
  const span =
    c.firstUpload && c.lastUpload
      ? t.span(f.day(new Date(c.firstUpload)), f.day(new Date(c.lastUpload)))
      : t.noUploadsRecorded;
  // A channel whose videos stopped getting snapshots is older than the rest of the site: say so.
  const behind =
    report.dataAsOf && siteDataAsOf && report.dataAsOf < siteDataAsOf
      ? t.behind(f.calendarDay(report.dataAsOf))
      : '';
  const sub = role(document, 'channel-sub');
  sub.textContent = `${c.handle ? `${c.handle} · ` : ''}${span}${behind}`;
  if (config.explorerUrl) {
    const url = new URL(config.explorerUrl);
    url.searchParams.set('ch', c.channelId);
    if (l.lang !== 'en') url.searchParams.set('lang', l.lang);
    sub.append(' ', el('a', { href: url.href, 'data-role': 'open-in-explorer' }, t.openInExplorer));
  }
  const number = (n: number | null) => (n === null ? '–' : f.count(n));
  const exact = (n: number | null) => (n === null ? '–' : f.whole(n));
  setKpi(
    'subscribers',
    c.subscribers === null ? l.common.notKnown : f.count(c.subscribers),
    exact(c.subscribers),
    c.subscribers ?? 0,
  );
  for (const key of ['videos', 'views', 'medianViews'] as const)
    setKpi(key, number(c[key]), exact(c[key]), c[key]);
  const likes = c.likesPer1000;
  setKpi(
    'likesPer1000',
    likes === null ? '–' : f.decimal(likes),
    likes === null ? '–' : f.decimal(likes),
    likes ?? 0,
  );
  const gap = report.cadence.medianDaysBetweenUploads;
  setKpi('cadence', gap === null ? '–' : f.decimal(gap), gap === null ? '–' : f.decimal(gap), gap ?? 0);
}

function renderViewsOverTime(report: ChannelReport, l: Ctx) {
  const { format: f, t } = l;
  const card = chartCard('viewsOverTime');
  const points = report.viewsOverTime;
  if (points.length === 0) {
    card.showNotice('info', t.noHistory);
    return;
  }
  if (points.length === 1) card.setSubtitle(t.oneSnapshot(f.calendarDay(points[0]!.day)));
  card.showChart(
    (width) =>
      timeSeries(
        points.map((p) => ({ date: new Date(`${p.day}T00:00:00Z`), value: p.views })),
        {
          width,
          height: 280,
          label: t.totalViewsOf(report.channel.title),
          unit: l.common.views,
          area: true,
          // Snapshot days are calendar days, not instants: shown as they are in every zone.
          formatDate: (d) => f.calendarDay(d.toISOString()),
          locale: { ...l.chart, format: createFormatters(l.lang, 'UTC') },
        },
      ),
    renderTable(
      t.totalViewsByDay,
      [
        { label: t.day, text: (p) => f.calendarDay(p.day) },
        { label: t.views, numeric: true, text: (p) => f.whole(p.views) },
      ],
      points,
    ),
  );
}

function renderScatter(report: ChannelReport, l: Ctx) {
  const { format: f, t } = l;
  const card = chartCard('videoScatter');
  const videos = report.videos;
  if (videos.length === 0) {
    card.showNotice('info', t.noVideos);
    return;
  }
  // Duration when every listed video has one (the 2017 data has none); otherwise age in days.
  const byDuration = videos.every((v) => v.durationSeconds !== null);
  const title = role(card.root, 'subtitle').previousElementSibling;
  if (title) title.textContent = byDuration ? t.scatterTitleLength : t.scatterTitleAge;
  card.setSubtitle(
    t.scatterSub(byDuration, report.breakoutMultiplier) +
      (report.videosListed < report.channel.videos
        ? t.mostViewedOf(
            f.count(report.videosListed),
            l.common.videos(report.channel.videos, f.count(report.channel.videos)),
          )
        : '') +
      (byDuration ? '' : t.lengthsUnknown),
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
          label: t.scatterLabel(report.channel.title, byDuration),
          xLabel: byDuration ? t.lengthAxis : t.ageAxis,
          yLabel: t.viewsAxis,
          formatX: byDuration ? f.duration : f.count,
          ...(byDuration ? { xTickCandidates: DURATION_TICKS } : {}),
          highlightLabel: t.breakout,
          locale: l.chart,
        },
      ),
    () =>
      renderTable(
        t.videosTable,
        [
          { label: t.video, text: (v) => v.title, className: 'title' },
          { label: t.published, text: (v) => f.day(new Date(v.publishedAt)) },
          byDuration
            ? { label: t.length, numeric: true, text: (v) => f.duration(v.durationSeconds ?? 0) }
            : { label: t.ageDays, numeric: true, text: (v) => f.whole(v.ageDays) },
          { label: t.views, numeric: true, text: (v) => f.whole(v.views) },
          { label: t.breakoutColumn, text: (v) => (v.breakout ? t.yes : '') },
        ],
        videos,
      ),
  );
}

function renderViewsPerDay(report: ChannelReport, l: Ctx) {
  const { format: f, t } = l;
  const card = chartCard('viewsPerDay');
  const top = [...report.videos].sort((a, b) => b.viewsPerDay - a.viewsPerDay).slice(0, 10);
  if (top.length === 0) {
    card.showNotice('info', t.noVideos);
    return;
  }
  card.showChart(
    (width) =>
      barChart(
        top.map((v) => ({
          label: v.title,
          value: v.viewsPerDay,
          details: [t.viewsInDays(f.count(v.views), l.common.days(v.ageDays, f.count(v.ageDays)))],
        })),
        { width, label: t.fastestLabel, unit: t.viewsPerDayUnit, locale: l.chart },
      ),
    renderTable(
      t.viewsPerDayTable,
      [
        { label: t.video, text: (v) => v.title, className: 'title' },
        { label: t.viewsPerDay, numeric: true, text: (v) => f.whole(Math.round(v.viewsPerDay)) },
        { label: t.days, numeric: true, text: (v) => f.whole(v.ageDays) },
      ],
      top,
    ),
  );
}

function renderCadence(report: ChannelReport, l: Ctx) {
  const { format: f, t } = l;
  const card = chartCard('cadence');
  const months = report.cadence.byMonth;
  if (months.length === 0) {
    card.showNotice('info', t.noUploads);
    return;
  }
  const gap = report.cadence.medianDaysBetweenUploads;
  card.setSubtitle(gap === null ? t.oneUpload : t.typicalGap(l.common.days(gap, f.decimal(gap))));
  card.showChart(
    (width) =>
      columnChart(
        months.map((m) => ({ label: f.calendarMonth(m.month), value: m.uploads })),
        { width, height: 250, label: t.uploadsPerMonth, unit: t.uploadsUnit, locale: l.chart },
      ),
    renderTable(
      t.uploadsPerMonth,
      [
        { label: t.month, text: (m) => f.calendarMonth(m.month) },
        { label: t.uploads, numeric: true, text: (m) => f.whole(m.uploads) },
      ],
      months,
    ),
  );
}

/**
 * No such channel: the heading and one sentence say so, with a way on; the cards, figures and
 * tables that would each repeat it are hidden.
 */
function notFound(message: string, l: Ctx, heading = l.t.notFound) {
  role(document, 'channel-title').textContent = heading;
  const sub = role(document, 'channel-sub');
  sub.replaceChildren(
    document.createTextNode(`${message} `),
    el('a', { href: `./${pageFile('channels', l.lang)}` }, l.t.browseAll),
  );
  document.body.dataset.channelState = 'missing';
  for (const id of CARDS) chartCard(id).root.hidden = true;
  for (const hidden of document.querySelectorAll<HTMLElement>(
    '.kpis, [data-table="breakouts"], [data-table="recentUploads"], [aria-labelledby="growth-title"]',
  ))
    hidden.hidden = true;
}

/** Entry point of channel.html and its translations (`channel.html?id=<channelId>`). */
export function startChannelPage(messages: {
  lang: Lang;
  charts: ChartMessages;
  common: CommonMessages;
  channel: ChannelMessages;
}) {
  return startPage({ ...messages, page: 'channel' }, async ({ data, config, locale }) => {
    const l: Ctx = { ...locale, t: messages.channel };
    const id = channelIdFromLocation(window.location);
    if (!id) {
      notFound(l.t.noneChosen, l);
      return;
    }
    let report: ChannelReport | null;
    try {
      report = await loadChannelReport(data, id);
    } catch (error) {
      console.error(error);
      notFound(describeDataError(error, l.common), l, l.t.unavailable);
      return;
    }
    if (!report) {
      notFound(l.t.unknownId(id), l);
      return;
    }
    renderHeader(report, data.manifest.dataAsOf, config, l);
    // One card per task, top of the page first (see nextTask).
    for (const draw of [
      renderViewsOverTime,
      renderScatter,
      renderViewsPerDay,
      renderCadence,
      renderChannelGrowth,
      renderChannelPerformance,
      renderBreakouts,
    ]) {
      await nextTask();
      draw(report, l);
    }
  });
}
