import type { EngagementDistribution } from '../../../../db/reports/contract/index.ts';
import { histogram } from '../../charts/histogram.ts';
import { formatCount, formatDecimal } from '../../charts/support/format.ts';
import type { ChartCard } from '../chartCard.ts';
import { renderTable } from '../dom.ts';

/** One engagement distribution (likes or comments per 1,000 views) as a histogram with its box. */
export function engagementCard(card: ChartCard, d: EngagementDistribution, what: string, minViews: number) {
  if (d.videos === 0) {
    card.showNotice(
      'info',
      `No video has at least ${formatCount(minViews)} views with ${what.split(' ')[0]} enabled, so there is no distribution to show.`,
    );
    return;
  }
  const q = d.quantiles;
  card.setSubtitle(
    `${formatCount(d.videos)} videos with at least ${formatCount(minViews)} views.` +
      (q
        ? ` Median ${formatDecimal(q.p50)}, middle half ${formatDecimal(q.p25)}–${formatDecimal(q.p75)}.`
        : ''),
  );
  const bins = d.histogram.map((b) => ({ from: b.from, to: b.to, count: b.videos }));
  const range = (b: (typeof bins)[number]) =>
    b.to === null
      ? `${formatDecimal(b.from)} or more`
      : `${formatDecimal(b.from)} to under ${formatDecimal(b.to)}`;
  card.showChart(
    (width) =>
      histogram(bins, {
        width,
        height: 250,
        label: `Videos by ${what}`,
        xLabel: what,
        unit: 'videos',
        quantiles: q,
      }),
    renderTable(
      `Videos by ${what}`,
      [
        { label: what[0]!.toUpperCase() + what.slice(1), text: range },
        { label: 'Videos', numeric: true, text: (b) => b.count.toLocaleString('en-US') },
      ],
      bins,
    ),
  );
}
