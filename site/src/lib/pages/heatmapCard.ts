import type { ReportOf } from '../../../../db/reports/contract/index.ts';
import { heatmap } from '../../charts/heatmap.ts';
import { timeZoneLabel } from '../../i18n/timeZones.ts';
import { chartCard } from '../chartCard.ts';
import { renderTable } from '../dom.ts';
import { heatmapInZone } from './heatmapInZone.ts';
import type { OverviewContext } from './overviewPage.ts';

/** The publish heatmap card, in the reader's time zone when its offset allows (heatmapInZone). */
export function renderHeatmap(report: ReportOf<'publishHeatmap'>, l: OverviewContext) {
  const { format: f, t } = l;
  const card = chartCard('publishHeatmap');
  if (report.cells.every((c) => c.uploads === 0)) {
    card.showNotice('info', t.noTimes);
    return;
  }
  const year = Number((report.dataAsOf ?? new Date().toISOString()).slice(0, 4));
  const zoned = heatmapInZone(report.cells, f.timeZone, year);
  const name = timeZoneLabel(f.timeZone, l.lang);
  // The zone the hours are in, said on the chart, its caption and its table.
  const zone = zoned.fit === 'utc' ? 'UTC' : name;
  card.setSubtitle(
    zoned.fit === 'utc'
      ? t.heatmapUtcOnly(name, zoned.offset)
      : t.heatmapSub(zone) +
          (zoned.fit === 'seasonal' ? t.heatmapSeasons(name, zoned.offset, zoned.otherOffset) : ''),
  );
  const cells = zoned.fit === 'utc' ? report.cells : zoned.cells;
  const hours = Array.from({ length: 24 }, (_, h) => String(h).padStart(2, '0'));
  const label = t.heatmapLabel(zone);
  card.showChart(
    (width) =>
      heatmap(
        cells.map((c) => ({
          row: c.weekday - 1,
          column: c.hour,
          value: c.uploads,
          details: [t.medianViewsValue(f.count(c.medianViews))],
        })),
        {
          width,
          label,
          rowLabels: Array.from({ length: 7 }, (_, d) => f.weekday(d)),
          columnLabels: hours,
          unit: t.uploadsUnit,
          describeCell: (row, column) => t.hourCell(f.weekday(row, 'long'), hours[column]!, zone),
          locale: l.chart,
        },
      ),
    renderTable(
      label,
      [
        { label: t.weekday, text: (c) => f.weekday(c.weekday - 1, 'long') },
        { label: t.hour(zone), text: (c) => `${hours[c.hour]}:00` },
        { label: t.uploads, numeric: true, text: (c) => f.whole(c.uploads) },
        { label: t.medianViews, numeric: true, text: (c) => f.whole(c.medianViews) },
      ],
      cells,
    ),
  );
}
