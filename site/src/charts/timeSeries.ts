import { bisector, extent, max, min } from 'd3-array';
import { axisBottom } from 'd3-axis';
import { scaleLinear } from 'd3-scale';
import { pointer } from 'd3-selection';
import { displayWidth } from '../text/displayWidth.ts';
import type { ChartLocale } from './support/chartLocale.ts';
import { gridAxisY } from './support/gridAxisY.ts';
import { createSvg, type Margin } from './support/svg.ts';
import { type TimeTicks, timeTicks } from './support/timeTicks.ts';
import { addTooltip } from './support/tooltip.ts';

export interface TimePoint {
  readonly date: Date;
  readonly value: number;
}

export interface TimeSeriesOptions {
  readonly width: number;
  readonly height: number;
  /** Accessible name of the chart. */
  readonly label: string;
  /** Unit shown in the readout, e.g. "views". */
  readonly unit?: string;
  readonly formatValue?: (value: number) => string;
  readonly formatDate?: (date: Date) => string;
  /** Fill the area under the line (for cumulative totals). */
  readonly area?: boolean;
  /** What y measures, written above the axis (e.g. "views per day"). */
  readonly yLabel?: string;
  /**
   * 'month': each point is a calendar month (its first day, UTC): the axis is labelled at the
   * points' months only, and a single month still gets a month of room.
   */
  readonly interval?: 'month';
  /** Steps instead of slopes between points: for counts that only move in steps (rounded ones). */
  readonly step?: boolean;
  /**
   * Start the value axis at zero (the default). False fits it to the data, for a count whose
   * change matters more than its size (a channel's subscribers, 123K to 164K).
   */
  readonly zero?: boolean;
  readonly locale: ChartLocale;
}

const margin: Margin = { top: 20, right: 20, bottom: 28, left: 56 };
const DAY = 86_400_000;

/** "M x,y L x,y …": d3-shape's linear line without its 17 KB of curves. */
export function linePath(xs: readonly number[], ys: readonly number[]): string {
  return xs.map((x, i) => `${i ? 'L' : 'M'}${x.toFixed(1)},${ys[i]!.toFixed(1)}`).join('');
}

/** "M x,y H x V y …": each value held until the next point (d3's curveStepAfter). */
export function stepPath(xs: readonly number[], ys: readonly number[]): string {
  return xs
    .map((x, i) => (i ? `H${x.toFixed(1)}V${ys[i]!.toFixed(1)}` : `M${x.toFixed(1)},${ys[0]!.toFixed(1)}`))
    .join('');
}

/** Ticks at the points' own months, every n-th so that the labels fit. */
function monthTicks(data: readonly TimePoint[], innerWidth: number, locale: ChartLocale): TimeTicks {
  const format = (ms: number) => locale.format.calendarMonth(new Date(ms).toISOString());
  const all = data.map((p) => p.date.getTime());
  const widest = Math.max(0, ...all.map((v) => displayWidth(format(v))));
  const room = Math.max(1, Math.floor(innerWidth / ((widest + 2) * 6.6)));
  const step = Math.ceil(all.length / room);
  return { values: all.filter((_, i) => i % step === 0), format };
}
const byDate = bisector((p: TimePoint) => p.date.getTime()).center;

/**
 * A line over time with a hover (and arrow-key) readout. Every point is a `.tl-mark` circle so
 * the chart can be checked against its data; they are drawn small and hidden when dense.
 */
export function timeSeries(points: readonly TimePoint[], options: TimeSeriesOptions): SVGSVGElement {
  const { width, height, label, unit = '', locale } = options;
  const formatValue = options.formatValue ?? locale.format.count;
  const formatDate = options.formatDate ?? locale.format.day;
  const data = [...points].sort((a, b) => a.date.getTime() - b.date.getTime());
  const svg = createSvg('time-series', width, height, label);
  const innerWidth = Math.max(10, width - margin.left - margin.right);
  const innerHeight = Math.max(10, height - margin.top - margin.bottom);

  const [first, last] = extent(data, (p) => p.date) as [Date | undefined, Date | undefined];
  const start = first?.getTime() ?? 0;
  const end = last?.getTime() ?? start;
  // A single point still needs a span to sit in: a day (or half a month) either side.
  const pad = options.interval === 'month' ? 15 * DAY : end > start ? 0 : DAY;
  // A linear scale over epoch milliseconds: scaleUtc would bring d3-time-format's parser along.
  const x = scaleLinear()
    .domain([start - pad, end + pad])
    .range([0, innerWidth]);
  // Zero at the bottom, unless a value is below it (a day's change can be negative) or the chart
  // is fitted to its data.
  const low = min(data, (p) => p.value) ?? 0;
  const high = max(data, (p) => p.value) ?? 0;
  const bottom = options.zero === false ? low : Math.min(0, low);
  const y = scaleLinear()
    .domain([bottom, high > bottom ? high : bottom + 1])
    .nice()
    .range([innerHeight, 0]);

  const [d0, d1] = x.domain() as [number, number];
  const ticks =
    options.interval === 'month'
      ? monthTicks(data, innerWidth, locale)
      : timeTicks(d0, d1, innerWidth, locale.format);
  const plot = svg.append('g').attr('transform', `translate(${margin.left},${margin.top})`);
  plot
    .append('g')
    .attr('class', 'tl-axis tl-axis-x')
    .attr('transform', `translate(0,${innerHeight})`)
    .call(
      axisBottom(x)
        .tickValues(ticks.values)
        .tickFormat((t) => ticks.format(Number(t)))
        .tickSizeOuter(0),
    );
  gridAxisY(plot, y, innerWidth, (axis) =>
    axis.ticks(Math.max(2, Math.floor(innerHeight / 40))).tickFormat((v) => formatValue(Number(v))),
  );
  if (options.yLabel) {
    plot
      .append('text')
      .attr('class', 'tl-axis-label')
      .attr('x', -margin.left + 4)
      .attr('y', -8)
      .attr('text-anchor', 'start')
      .text(options.yLabel);
  }

  const xs = data.map((p) => x(p.date.getTime()));
  const ys = data.map((p) => y(p.value));
  const path = options.step ? stepPath : linePath;
  if (options.area && data.length) {
    const zero = Math.min(innerHeight, y(Math.max(0, bottom)));
    const base = `L${xs.at(-1)!.toFixed(1)},${zero}L${xs[0]!.toFixed(1)},${zero}Z`;
    plot
      .append('path')
      .attr('class', 'tl-area')
      .attr('d', path(xs, ys) + base);
  }
  plot.append('path').attr('class', 'tl-line').attr('d', path(xs, ys));
  plot
    .append('g')
    .attr('class', data.length > innerWidth / 6 ? 'tl-marks tl-dense' : 'tl-marks')
    .selectAll('circle')
    .data(data)
    .join('circle')
    .attr('class', 'tl-mark')
    .attr('cx', (p) => x(p.date.getTime()))
    .attr('cy', (p) => y(p.value))
    .attr('r', 2.5);

  const focus = plot.append('g').attr('class', 'tl-focus').attr('visibility', 'hidden');
  focus.append('line').attr('y1', 0).attr('y2', innerHeight);
  focus.append('circle').attr('r', 4.5);
  const tooltip = addTooltip(svg, width, height);
  let current = -1;
  const showAt = (index: number) => {
    const p = data[index];
    if (!p) return;
    current = index;
    const px = x(p.date.getTime());
    const py = y(p.value);
    focus.attr('visibility', 'visible');
    focus.select('line').attr('x1', px).attr('x2', px);
    focus.select('circle').attr('cx', px).attr('cy', py);
    tooltip.show(margin.left + px, margin.top + py, [
      formatDate(p.date),
      unit ? locale.text.withUnit(formatValue(p.value), unit) : formatValue(p.value),
    ]);
  };
  const hide = () => {
    focus.attr('visibility', 'hidden');
    tooltip.hide();
  };

  plot
    .append('rect')
    .attr('class', 'tl-overlay')
    .attr('width', innerWidth)
    .attr('height', innerHeight)
    .on('pointermove', (event: PointerEvent) => {
      const [px] = pointer(event);
      showAt(byDate(data, x.invert(px)));
    })
    .on('pointerleave', hide);

  // Keyboard: focus the chart, then Left/Right (Home/End) walk the readout along the line.
  if (data.length > 0) {
    svg
      .attr('tabindex', 0)
      .on('focus', () => showAt(current >= 0 ? current : data.length - 1))
      .on('blur', hide)
      .on('keydown', (event: KeyboardEvent) => {
        const step: Record<string, number> = {
          ArrowLeft: -1,
          ArrowRight: 1,
          Home: -data.length,
          End: data.length,
        };
        const delta = step[event.key];
        if (delta === undefined) return;
        event.preventDefault();
        showAt(Math.min(data.length - 1, Math.max(0, current + delta)));
      });
  }
  return svg.node()!;
}
