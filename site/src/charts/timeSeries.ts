import { bisector, extent, max } from 'd3-array';
import { axisBottom, axisLeft } from 'd3-axis';
import { scaleLinear } from 'd3-scale';
import { pointer } from 'd3-selection';
import { area, line } from 'd3-shape';
import { utcDay, utcMonth, utcYear } from 'd3-time';
import { formatCount, formatDay, formatMonth, formatShortDay, formatYear } from './support/format.ts';
import { createSvg, type Margin } from './support/svg.ts';
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
}

const margin: Margin = { top: 16, right: 20, bottom: 28, left: 56 };
const byDate = bisector((p: TimePoint) => p.date.getTime()).center;

/**
 * A line over time with a hover (and arrow-key) readout. Every point is a `.tl-mark` circle so
 * the chart can be checked against its data; they are drawn small and hidden when dense.
 */
export function timeSeries(points: readonly TimePoint[], options: TimeSeriesOptions): SVGSVGElement {
  const { width, height, label, unit = '' } = options;
  const formatValue = options.formatValue ?? formatCount;
  const formatDate = options.formatDate ?? formatDay;
  const data = [...points].sort((a, b) => a.date.getTime() - b.date.getTime());
  const svg = createSvg('time-series', width, height, label);
  const innerWidth = Math.max(10, width - margin.left - margin.right);
  const innerHeight = Math.max(10, height - margin.top - margin.bottom);

  const [first, last] = extent(data, (p) => p.date) as [Date | undefined, Date | undefined];
  const start = first ?? new Date(0);
  // A single point still needs a span to sit in: one day either side.
  const end = last && last > start ? last : new Date(start.getTime() + 86_400_000);
  // A linear scale over epoch milliseconds: scaleUtc would bring d3-time-format's parser along.
  const x = scaleLinear()
    .domain(
      last && last > start ? [start.getTime(), end.getTime()] : [start.getTime() - 86_400_000, end.getTime()],
    )
    .range([0, innerWidth]);
  const y = scaleLinear()
    .domain([0, max(data, (p) => p.value) || 1])
    .nice()
    .range([innerHeight, 0]);

  // One date style per axis (d3's default mixes "Fri 17" with "Nov 19").
  const [d0, d1] = x.domain() as [number, number];
  const spanDays = (d1 - d0) / 86_400_000;
  const tickFormat = spanDays <= 92 ? formatShortDay : spanDays <= 3 * 365 ? formatMonth : formatYear;
  const plot = svg.append('g').attr('transform', `translate(${margin.left},${margin.top})`);
  plot
    .append('g')
    .attr('class', 'tl-axis tl-axis-x')
    .attr('transform', `translate(0,${innerHeight})`)
    .call(
      axisBottom(x)
        .tickValues(dateTicks(d0, d1, Math.max(2, Math.floor(innerWidth / 90))).map((d) => d.getTime()))
        .tickFormat((t) => tickFormat(new Date(Number(t))))
        .tickSizeOuter(0),
    );
  plot
    .append('g')
    .attr('class', 'tl-axis tl-axis-y')
    .call(
      axisLeft(y)
        .ticks(Math.max(2, Math.floor(innerHeight / 40)))
        .tickFormat((v) => formatValue(Number(v)))
        .tickSize(-innerWidth),
    )
    .call((g) => g.select('.domain').remove());

  if (options.area) {
    plot
      .append('path')
      .attr('class', 'tl-area')
      .attr(
        'd',
        area<TimePoint>()
          .x((p) => x(p.date.getTime()))
          .y0(innerHeight)
          .y1((p) => y(p.value))(data),
      );
  }
  plot
    .append('path')
    .attr('class', 'tl-line')
    .attr(
      'd',
      line<TimePoint>()
        .x((p) => x(p.date.getTime()))
        .y((p) => y(p.value))(data),
    );
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
      `${formatValue(p.value)}${unit ? ` ${unit}` : ''}`,
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

/**
 * Date ticks on whole days, months or years, at most about `count` of them (d3's own would put
 * 12-hour ticks on a five-day chart, labelled "Mar 1", "Mar 1", "Mar 2"…).
 */
function dateTicks(from: number, to: number, count: number): Date[] {
  const spanDays = (to - from) / 86_400_000;
  const start = new Date(from);
  const stop = new Date(to + 1);
  if (spanDays <= 92)
    return utcDay.every(Math.max(1, Math.ceil(spanDays / count)))!.range(utcDay.ceil(start), stop);
  if (spanDays <= 3 * 365) {
    const months = spanDays / 30.4;
    const step = [1, 2, 3, 6, 12].find((m) => months / m <= count) ?? 12;
    return utcMonth.every(step)!.range(utcMonth.ceil(start), stop);
  }
  return utcYear.every(Math.max(1, Math.ceil(spanDays / 365 / count)))!.range(utcYear.ceil(start), stop);
}
