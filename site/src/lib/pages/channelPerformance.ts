import type { ChannelReport, OutlierScore, RecentUpload } from '../../../../db/reports/contract/index.ts';
import { type LineSeries, lineChart } from '../../charts/lineChart.ts';
import { chartCard } from '../chartCard.ts';
import { el, renderTable, role, type TableColumn } from '../dom.ts';
import type { ChannelContext } from './channelPage.ts';

/** Sentences that sit in the page's HTML (data-* of the uploads section): no script carries them. */
const sentences = () =>
  (document.querySelector<HTMLElement>('[data-table="recentUploads"]')?.dataset ?? {}) as Record<
    string,
    string
  >;

/** Each listed upload's score at equal age, by video id (the breakout table shows it beside). */
export function sameAgeScores(report: ChannelReport): Map<string, OutlierScore> {
  const scores = new Map<string, OutlierScore>();
  for (const r of report.performance?.recent ?? []) {
    if (r.outlier?.basis === 'sameAge') scores.set(r.videoId, r.outlier);
  }
  return scores;
}

/** A score that says its basis: "4.2× same-age median at 7 days" or "1.3× lifetime median". */
export function describeScore(o: OutlierScore, l: ChannelContext): string {
  const score = l.format.decimal(o.score);
  return o.basis === 'sameAge' && o.ageDays !== null
    ? l.t.sameAgeScore(score, l.common.days(o.ageDays, l.format.whole(o.ageDays)))
    : l.t.lifetimeScore(score);
}

function renderCurves(report: ChannelReport, l: ChannelContext) {
  const { format: f, t } = l;
  const card = chartCard('ageCurves');
  const perf = report.performance;
  if (!perf || perf.curves.length === 0) {
    const text = sentences();
    card.showNotice('info', (perf && perf.recent.length === 0 ? text.noUploads : text.curvesNone)!);
    return;
  }
  const points = (views: readonly (number | null)[]) =>
    views.flatMap((v, age) => (v === null ? [] : [{ x: age, y: v }]));
  // Newest first: the newest upload is the one to read against the others.
  const series: LineSeries[] = perf.curves.map((c, i) => ({
    label: c.title,
    colour: i,
    emphasis: i === 0 ? 'strong' : 'muted',
    points: points(c.views),
  }));
  const typical = points(perf.typical);
  if (typical.length) series.push({ label: t.typicalCurve, colour: 9, points: typical, dashed: true });
  const ages = [1, 7, 14, 28];
  card.showChart(
    (width) =>
      lineChart(series, {
        width,
        height: 300,
        label: t.curvesChart(report.channel.title),
        x: 'number',
        xLabel: t.ageAxis,
        yLabel: t.viewsAxis,
        formatX: (days) => l.common.days(days, f.whole(days)),
        locale: l.chart,
      }),
    () =>
      renderTable(
        t.curvesChart(report.channel.title),
        [
          { label: t.video, text: (c) => c.title, className: 'title' },
          ...ages.map((age) => ({
            label: t.atAge(l.common.days(age, f.whole(age))),
            numeric: true,
            text: (c: (typeof perf.curves)[number]) => {
              const v = c.views[age];
              return v === null || v === undefined ? '–' : f.whole(v);
            },
          })),
        ],
        perf.curves,
      ),
  );
}

function renderRecent(report: ChannelReport, l: ChannelContext) {
  const { format: f, t } = l;
  const section = document.querySelector<HTMLElement>('[data-table="recentUploads"]')!;
  const slot = role(section, 'table');
  const perf = report.performance;
  const count = (n: number | null) => (n === null ? '–' : f.whole(n));
  if (!perf || perf.recent.length === 0) {
    slot.replaceChildren(el('p', { class: 'notice info', role: 'status' }, sentences().noUploads!));
  } else {
    const c = t.recentColumns;
    const columns: TableColumn<RecentUpload>[] = [
      { label: c.video, text: (r) => r.title, className: 'title' },
      { label: c.published, text: (r) => f.day(new Date(r.publishedAt)) },
      { label: c.d1, numeric: true, text: (r) => count(r.viewsAt.d1) },
      { label: c.d7, numeric: true, text: (r) => count(r.viewsAt.d7) },
      { label: c.d28, numeric: true, text: (r) => count(r.viewsAt.d28) },
      { label: c.score, text: (r) => (r.outlier ? describeScore(r.outlier, l) : '–') },
      {
        label: c.rank,
        text: (r) => (r.outlier?.rank && r.outlier.of ? t.rankOf(r.outlier.rank, r.outlier.of) : '–'),
      },
    ];
    slot.replaceChildren(renderTable(t.recentCaption(perf.recent.length), columns, perf.recent));
  }
  slot.dataset.filled = '';
  section.dataset.state = 'drawn';
}

/** The newest uploads at equal age: their curves by age, and the table with scores and ranks. */
export function renderChannelPerformance(report: ChannelReport, l: ChannelContext) {
  renderCurves(report, l);
  renderRecent(report, l);
}
