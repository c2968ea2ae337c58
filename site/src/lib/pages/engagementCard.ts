import type { EngagementDistribution } from '../../../../db/reports/contract/index.ts';
import { histogram } from '../../charts/histogram.ts';
import type { OverviewMessages } from '../../i18n/catalogue.ts';
import type { ChartCard } from '../chartCard.ts';
import { renderTable } from '../dom.ts';
import type { SiteLocale } from '../siteLocale.ts';

/** One engagement distribution (likes or comments per 1,000 views) as a histogram with its box. */
export function engagementCard(
  card: ChartCard,
  d: EngagementDistribution,
  kind: 'likes' | 'comments',
  minViews: number,
  l: SiteLocale & { readonly t: OverviewMessages },
) {
  const { format: f, t } = l;
  const what = kind === 'likes' ? t.likesPer1000 : t.commentsPer1000;
  if (d.videos === 0) {
    card.showNotice('info', t.noEngagement(f.count(minViews), kind === 'likes'));
    return;
  }
  const q = d.quantiles;
  card.setSubtitle(
    t.engagementSub(l.common.videos(d.videos, f.count(d.videos)), f.count(minViews)) +
      (q ? t.engagementQuantiles(f.decimal(q.p50), f.decimal(q.p25), f.decimal(q.p75)) : ''),
  );
  const bins = d.histogram.map((b) => ({ from: b.from, to: b.to, count: b.videos }));
  const range = (b: (typeof bins)[number]) =>
    b.to === null ? t.orMore(f.decimal(b.from)) : t.toUnder(f.decimal(b.from), f.decimal(b.to));
  card.showChart(
    (width) =>
      histogram(bins, {
        width,
        height: 250,
        label: t.videosBy(what),
        xLabel: what,
        unit: t.videosUnit,
        quantiles: q,
        locale: l.chart,
      }),
    renderTable(
      t.videosBy(what),
      [
        { label: what[0]!.toUpperCase() + what.slice(1), text: range },
        { label: t.videos, numeric: true, text: (b) => f.whole(b.count) },
      ],
      bins,
    ),
  );
}
