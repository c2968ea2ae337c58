import { extent } from 'd3-array';
import { axisBottom } from 'd3-axis';
import { scaleLinear, scaleLog } from 'd3-scale';
import { pointer } from 'd3-selection';
import type { ChartLocale } from './support/chartLocale.ts';
import { gridAxisY } from './support/gridAxisY.ts';
import { addLegend, seriesClass } from './support/legend.ts';
import { createSvg, type Margin } from './support/svg.ts';
import { timeTicks } from './support/timeTicks.ts';
import { addTooltip } from './support/tooltip.ts';
import { linePath, stepPath } from './timeSeries.ts';

export interface LinePoint {
  readonly x: number;
  readonly y: number;
}

export interface LineSeries {
  readonly label: string;
  readonly points: readonly LinePoint[];
  /** Palette index (defaults to the series' position): the same channel keeps its colour. */
  readonly colour?: number;
  /** `strong`: drawn thicker, on top (the series to read against the others). */
  readonly emphasis?: 'strong' | 'muted';
  /** A reference line (a median, a typical curve): dashed. */
  readonly dashed?: boolean;
}

export interface LineChartOptions {
  readonly width: number;
  readonly height: number;
  readonly label: string;
  /** `time`: x is epoch milliseconds (days); `number`: a plain quantity such as days of age. */
  readonly x: 'time' | 'number';
  readonly xLabel: string;
  readonly yLabel: string;
  readonly yScale?: 'linear' | 'log';
  readonly formatX?: (value: number) => string;
  readonly formatY?: (value: number) => string;
  /** Steps instead of slopes between points (counts that only move in steps). */
  readonly step?: boolean;
  readonly locale: ChartLocale;
}

const margin: Margin = { top: 14, right: 16, bottom: 40, left: 56 };
/** Above this many points in all, points are not drawn as marks (the lines carry them). */
const MAX_MARKS = 600;
const rank = (emphasis: LineSeries['emphasis']) => (emphasis === 'muted' ? 0 : emphasis === 'strong' ? 2 : 1);

/**
 * Several lines on one pair of axes, each in its palette colour with a legend on top, and a
 * readout of the nearest point (series, x, y) under the pointer. Every drawn point is a `.tl-mark`
 * up to MAX_MARKS points; `data-points` counts them all and `data-series` the lines.
 */
export function lineChart(series: readonly LineSeries[], options: LineChartOptions): SVGSVGElement {
  const { width, height, label, xLabel, yLabel, locale } = options;
  const yKind = options.yScale ?? 'linear';
  const formatX =
    options.formatX ??
    (options.x === 'time' ? (v: number) => locale.format.day(new Date(v)) : locale.format.count);
  const formatY = options.formatY ?? locale.format.count;
  const drawn = series.map((s, i) => ({
    ...s,
    colour: s.colour ?? i,
    points: s.points.filter((p) => yKind !== 'log' || p.y > 0).sort((a, b) => a.x - b.x),
  }));
  const all = drawn.flatMap((s) => s.points);
  const svg = createSvg('lines', width, height, label)
    .attr('data-points', all.length)
    .attr('data-series', drawn.length);
  const legend =
    drawn.length > 1
      ? addLegend(
          svg,
          drawn.map((s) => ({ label: s.label, colour: s.colour, ...(s.dashed ? { dashed: true } : {}) })),
          width,
          margin.left,
        )
      : 0;
  const top = margin.top + legend;
  const innerWidth = Math.max(10, width - margin.left - margin.right);
  const innerHeight = Math.max(10, height - top - margin.bottom);
  const [x0 = 0, x1 = 1] = extent(all, (p) => p.x);
  const [y0 = 0, y1 = 1] = extent(all, (p) => p.y);
  const x = scaleLinear()
    .domain(x1 > x0 ? [x0, x1] : [x0 - 1, x0 + 1])
    .range([0, innerWidth]);
  const y =
    yKind === 'log'
      ? scaleLog()
          .domain(y1 > y0 ? [y0, y1] : [y0 / 3, y0 * 3])
          .range([innerHeight, 0])
          .nice()
      : scaleLinear()
          .domain([Math.min(0, y0), y1 > Math.min(0, y0) ? y1 : 1])
          .range([innerHeight, 0])
          .nice();
  const plot = svg.append('g').attr('transform', `translate(${margin.left},${top})`);
  const [d0, d1] = x.domain() as [number, number];
  const xAxis = axisBottom(x).tickSizeOuter(0);
  if (options.x === 'time') {
    const ticks = timeTicks(d0, d1, innerWidth, locale.format);
    xAxis.tickValues(ticks.values).tickFormat((v) => ticks.format(Number(v)));
  } else {
    xAxis.ticks(Math.max(2, Math.floor(innerWidth / 60))).tickFormat((v) => formatX(Number(v)));
  }
  plot
    .append('g')
    .attr('class', 'tl-axis tl-axis-x')
    .attr('transform', `translate(0,${innerHeight})`)
    .call(xAxis)
    .append('text')
    .attr('class', 'tl-axis-label')
    .attr('x', innerWidth)
    .attr('y', 34)
    .attr('text-anchor', 'end')
    .text(xLabel);
  gridAxisY(plot, y, innerWidth, (axis) =>
    axis.ticks(Math.max(2, Math.floor(innerHeight / 40))).tickFormat((v) => formatY(Number(v))),
  )
    .append('text')
    .attr('class', 'tl-axis-label')
    .attr('x', -margin.left + 4)
    .attr('y', -4)
    .attr('text-anchor', 'start')
    .text(yKind === 'log' ? locale.text.logScale(yLabel) : yLabel);

  const path = options.step ? stepPath : linePath;
  // Muted lines first and the emphasised one last, so it sits on top.
  for (const s of [...drawn].sort((a, b) => rank(a.emphasis) - rank(b.emphasis))) {
    const g = plot
      .append('g')
      .attr('class', `tl-series ${seriesClass(s.colour)}${s.emphasis ? ` tl-${s.emphasis}` : ''}`);
    g.append('path')
      .attr('class', s.dashed ? 'tl-series-line tl-dashed' : 'tl-series-line')
      .attr(
        'd',
        path(
          s.points.map((p) => x(p.x)),
          s.points.map((p) => y(p.y)),
        ),
      );
    if (all.length <= MAX_MARKS) {
      g.selectAll('circle')
        .data(s.points)
        .join('circle')
        .attr('class', 'tl-mark')
        .attr('cx', (p) => x(p.x))
        .attr('cy', (p) => y(p.y))
        .attr('r', 2.5);
    }
  }

  const tooltip = addTooltip(svg, width, height);
  const focus = plot
    .append('circle')
    .attr('class', 'tl-series-focus')
    .attr('r', 4.5)
    .attr('visibility', 'hidden');
  plot
    .append('rect')
    .attr('class', 'tl-overlay')
    .attr('width', innerWidth)
    .attr('height', innerHeight)
    .on('pointermove', (event: PointerEvent) => {
      const [mx, my] = pointer(event);
      let best: { s: (typeof drawn)[number]; p: LinePoint } | undefined;
      let bestDistance = Number.POSITIVE_INFINITY;
      for (const s of drawn) {
        for (const p of s.points) {
          // Along x first: the reader points at a day, then at a line.
          const distance = (x(p.x) - mx) ** 2 + ((y(p.y) - my) / 4) ** 2;
          if (distance < bestDistance) [best, bestDistance] = [{ s, p }, distance];
        }
      }
      if (!best) return;
      const [px, py] = [x(best.p.x), y(best.p.y)];
      focus
        .attr('cx', px)
        .attr('cy', py)
        .attr('class', `tl-series-focus ${seriesClass(best.s.colour)}`)
        .attr('visibility', 'visible');
      tooltip.show(margin.left + px, top + py, [best.s.label, formatX(best.p.x), formatY(best.p.y)]);
    })
    .on('pointerleave', () => {
      focus.attr('visibility', 'hidden');
      tooltip.hide();
    });
  return svg.node()!;
}
