import { max } from 'd3-array';
import { scaleLinear } from 'd3-scale';
import type { ChartLocale } from './support/chartLocale.ts';
import { gridAxisY } from './support/gridAxisY.ts';
import { createSvg, type Margin } from './support/svg.ts';
import { addTooltip } from './support/tooltip.ts';

export interface HistogramBin {
  /** Lower edge, inclusive. */
  readonly from: number;
  /** Upper edge, exclusive; null for an open last bin ("100+"). */
  readonly to: number | null;
  readonly count: number;
}

export interface Quantiles {
  readonly p10: number;
  readonly p25: number;
  readonly p50: number;
  readonly p75: number;
  readonly p90: number;
}

export interface HistogramOptions {
  readonly width: number;
  readonly height: number;
  readonly label: string;
  /** What x measures, e.g. "likes per 1,000 views". */
  readonly xLabel: string;
  /** What is counted, e.g. "videos". */
  readonly unit?: string;
  readonly formatX?: (value: number) => string;
  /** Drawn as a box plot above the bars: whiskers p10–p90, box p25–p75, line at the median. */
  readonly quantiles?: Quantiles | null;
  readonly locale: ChartLocale;
}

const margin: Margin = { top: 34, right: 16, bottom: 44, left: 52 };

/**
 * A histogram over given bins, each drawn the same width (the edges are uneven, e.g. 0, 2, 5,
 * 10, 20 …, and the last is open), with an optional box plot of the quantiles on the same axis.
 * Values map into a bin linearly, so the box sits where the quantiles fall among the bars.
 */
export function histogram(bins: readonly HistogramBin[], options: HistogramOptions): SVGSVGElement {
  const { width, height, label, xLabel, unit = '', locale } = options;
  const { count: formatCount } = locale.format;
  const formatX = options.formatX ?? locale.format.decimal;
  const t = locale.text;
  const svg = createSvg('histogram', width, height, label);
  const innerWidth = Math.max(10, width - margin.left - margin.right);
  const innerHeight = Math.max(10, height - margin.top - margin.bottom);
  const band = innerWidth / Math.max(1, bins.length);
  const position = (value: number): number => {
    for (let i = bins.length - 1; i >= 0; i -= 1) {
      const bin = bins[i]!;
      if (value < bin.from && i > 0) continue;
      const previous = bins[i - 1];
      const span = bin.to !== null ? bin.to - bin.from : previous ? bin.from - previous.from : 1;
      return (i + Math.min(1, Math.max(0, (value - bin.from) / (span || 1)))) * band;
    }
    return 0;
  };
  const binLabel = (b: HistogramBin) =>
    b.to === null ? `${formatX(b.from)}+` : `${formatX(b.from)}–${formatX(b.to)}`;
  const y = scaleLinear()
    .domain([0, max(bins, (b) => b.count) || 1])
    .nice()
    .range([innerHeight, 0]);

  const plot = svg.append('g').attr('transform', `translate(${margin.left},${margin.top})`);
  gridAxisY(plot, y, innerWidth, (axis) =>
    axis.ticks(Math.max(2, Math.floor(innerHeight / 40))).tickFormat((v) => formatCount(Number(v))),
  );
  const xAxis = plot
    .append('g')
    .attr('class', 'tl-axis tl-axis-x')
    .attr('transform', `translate(0,${innerHeight})`);
  xAxis.append('line').attr('class', 'domain').attr('x2', innerWidth);
  // Edge labels at bin boundaries; every other one when bins are narrow.
  const every = band < 34 ? 2 : 1;
  xAxis
    .selectAll('text.tl-edge')
    .data(bins)
    .join('text')
    .attr('class', 'tl-edge')
    .attr('x', (_, i) => i * band)
    .attr('y', 16)
    .attr('text-anchor', 'middle')
    .text((b, i) => (i % every === 0 ? formatX(b.from) : ''));
  const last = bins[bins.length - 1];
  if (last?.to != null) {
    xAxis
      .append('text')
      .attr('x', innerWidth)
      .attr('y', 16)
      .attr('text-anchor', 'middle')
      .text(formatX(last.to));
  }
  xAxis
    .append('text')
    .attr('class', 'tl-axis-label')
    .attr('x', innerWidth)
    .attr('y', 36)
    .attr('text-anchor', 'end')
    .text(xLabel);

  const tooltip = addTooltip(svg, width, height);
  plot
    .append('g')
    .selectAll('rect')
    .data(bins)
    .join('rect')
    .attr('class', 'tl-mark')
    .attr('x', (_, i) => i * band + 1)
    .attr('y', (b) => Math.min(y(b.count), innerHeight - 1))
    .attr('width', Math.max(1, band - 2))
    .attr('height', (b) => Math.max(1, innerHeight - y(b.count)))
    .on('pointerenter', (_event: PointerEvent, b) => {
      const i = bins.indexOf(b);
      tooltip.show(margin.left + (i + 0.5) * band, margin.top + y(b.count), [
        t.withUnit(binLabel(b), xLabel),
        unit ? t.withUnit(formatCount(b.count), unit) : formatCount(b.count),
      ]);
    })
    .on('pointerleave', () => tooltip.hide());

  const q = options.quantiles;
  if (q && bins.length > 0) {
    const box = plot.append('g').attr('class', 'tl-box').attr('transform', 'translate(0,-20)');
    box.append('line').attr('class', 'tl-whisker').attr('x1', position(q.p10)).attr('x2', position(q.p90));
    box
      .append('rect')
      .attr('x', position(q.p25))
      .attr('y', -6)
      .attr('width', Math.max(2, position(q.p75) - position(q.p25)))
      .attr('height', 12);
    box
      .append('line')
      .attr('class', 'tl-median')
      .attr('x1', position(q.p50))
      .attr('x2', position(q.p50))
      .attr('y1', -8)
      .attr('y2', 8);
    // Label to the right of the whisker, or to its left when it runs to the edge.
    const roomRight = position(q.p90) < innerWidth - 110;
    box
      .append('text')
      .attr('x', roomRight ? position(q.p90) + 6 : position(q.p10) - 6)
      .attr('y', 4)
      .attr('text-anchor', roomRight ? 'start' : 'end')
      .text(t.median(formatX(q.p50)));
    box
      .append('rect')
      .attr('class', 'tl-overlay')
      .attr('x', position(q.p10) - 4)
      .attr('y', -10)
      .attr('width', position(q.p90) - position(q.p10) + 8)
      .attr('height', 20)
      .on('pointerenter', () => {
        tooltip.show(margin.left + position(q.p90), margin.top - 20, [
          t.perVideo(xLabel),
          t.median(formatX(q.p50)),
          t.middleHalf(formatX(q.p25), formatX(q.p75)),
          t.percentiles(formatX(q.p10), formatX(q.p90)),
        ]);
      })
      .on('pointerleave', () => tooltip.hide());
  }
  return svg.node()!;
}
