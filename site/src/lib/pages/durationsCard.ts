import type { ReportOf } from '../../../../db/reports/contract/index.ts';
import { columnChart } from '../../charts/columnChart.ts';
import { chartCard } from '../chartCard.ts';
import { renderTable } from '../dom.ts';
import type { OverviewContext } from './overviewPage.ts';

type Ctx = OverviewContext;

/** The video length card: median views by length bucket, or why lengths are not known. */
export function renderDurations(report: ReportOf<'durations'>, l: Ctx) {
  const { format: f, t } = l;
  const card = chartCard('durations');
  if (report.state === 'unknown') {
    card.showNotice(
      'info',
      t.noLengths(report.message, l.common.videos(report.videos, f.count(report.videos))),
    );
    return;
  }
  const buckets = report.buckets;
  const label = (b: (typeof buckets)[number]) => durationBucketLabel(b.minSeconds, b.maxSeconds, l);
  card.setSubtitle(
    t.lengthSub(f.count(report.videosWithDuration), l.common.videos(report.videos, f.count(report.videos))),
  );
  card.showChart(
    (width) =>
      columnChart(
        buckets.map((b) => ({
          label: label(b),
          value: b.medianViews,
          details: [l.common.videos(b.videos, f.count(b.videos))],
        })),
        { width, height: 260, label: t.medianByLength, unit: t.medianViewsUnit, locale: l.chart },
      ),
    renderTable(
      t.medianByLength,
      [
        { label: t.length, text: label },
        { label: t.videos, numeric: true, text: (b) => f.whole(b.videos) },
        { label: t.medianViews, numeric: true, text: (b) => f.whole(b.medianViews) },
      ],
      buckets,
    ),
  );
}

/** "under 1 min", "1–4 min", "20 min–1 h", "1 h+" (1分未満, 1〜4分 …). */
export function durationBucketLabel(
  minSeconds: number,
  maxSeconds: number | null,
  { format: f, t }: Pick<Ctx, 'format' | 't'>,
): string {
  const short = (seconds: number) =>
    seconds < 60
      ? t.durationSeconds(f.whole(seconds))
      : seconds < 3600
        ? t.durationMinutes(f.decimal(seconds / 60))
        : t.durationHours(f.decimal(seconds / 3600));
  if (maxSeconds === null) return `${short(minSeconds)}+`;
  if (minSeconds === 0) return t.under(short(maxSeconds));
  const from = short(minSeconds);
  const to = short(maxSeconds);
  // "1–4 min" rather than "1 min–4 min" when both ends are in the same unit.
  const sameUnit = minSeconds < 3600 === maxSeconds < 3600 && minSeconds >= 60;
  return sameUnit
    ? `${minSeconds < 3600 ? f.decimal(minSeconds / 60) : f.decimal(minSeconds / 3600)}–${to}`
    : `${from}–${to}`;
}
