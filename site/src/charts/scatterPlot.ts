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

export interface ScatterPoint {
  readonly x: number;
  readonly y: number;
  /** Shown in the tooltip (a video title: untrusted, rendered as text). */
  readonly label: string;
  /** Drawn on top in the highlight colour (e.g. breakout videos). */
  readonly highlight?: boolean;
  /** Index into `groups`: the point takes that group's colour (e.g. its channel). */
  readonly group?: number;
}

export interface ScatterPlotOptions {
  readonly width: number;
  readonly height: number;
  readonly label: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly xScale?: 'log' | 'linear';
  readonly yScale?: 'log' | 'linear';
  readonly formatX?: (value: number) => string;
  readonly formatY?: (value: number) => string;
  /** Preferred tick values on x (e.g. clock-friendly seconds for durations); thinned to fit. */
  readonly xTickCandidates?: readonly number[];
  /** Legend text for highlighted points, e.g. "breakout video". */
  readonly highlightLabel?: string;
  /**
   * Names of the groups points belong to (`point.group`), e.g. channels: each group gets its own
   * colour and a legend entry, and the tooltip names the group.
   */
  readonly groups?: readonly string[];
  /**
   * x is a time (epoch milliseconds, linear): ticks on whole days, months or years in the reader's
   * time zone, labelled in one style; the tooltip shows the day.
   */
  readonly xTime?: boolean;
  readonly locale: ChartLocale;
}

const margin: Margin = { top: 24, right: 16, bottom: 44, left: 56 };

/**
 * Above this many ordinary points they are drawn as one path instead of one circle each (then
 * `.tl-mark` counts only the highlighted points, and `data-points` on the SVG counts them all).
 */
export const DENSE = 2000;

function makeScale(kind: 'log' | 'linear' | 'time', values: number[], range: [number, number]) {
  const [lo = 1, hi = 1] = extent(values);
  if (kind === 'time') {
    // A time axis is not rounded to "nice" numbers (they are not whole days): one day either side.
    const pad = hi > lo ? (hi - lo) * 0.02 : 86_400_000;
    return scaleLinear()
      .domain([lo - pad, hi + pad])
      .range(range);
  }
  if (kind === 'log') {
    // One distinct value still gets a readable span around it: a factor of 3 either side.
    return scaleLog()
      .domain(hi > lo ? [lo, hi] : [lo / 3, lo * 3])
      .range(range)
      .nice();
  }
  return scaleLinear()
    .domain([Math.min(0, lo), hi > lo ? hi : lo + 1])
    .range(range)
    .nice();
}

/**
 * Points on log (or linear) axes. A log axis cannot place zero, so points with a value <= 0 on
 * a log axis are left out; the count is in `data-omitted` and in the accessible name. Every drawn
 * point is a `.tl-mark` circle up to DENSE ordinary points; `data-points` always counts them.
 */
export function scatterPlot(points: readonly ScatterPoint[], options: ScatterPlotOptions): SVGSVGElement {
  const { width, height, xLabel, yLabel, locale } = options;
  const t = locale.text;
  const xKind = options.xTime ? 'time' : (options.xScale ?? 'log');
  const yKind = options.yScale ?? 'log';
  const formatX =
    options.formatX ??
    (options.xTime ? (ms: number) => locale.format.day(new Date(ms)) : locale.format.count);
  const formatY = options.formatY ?? locale.format.count;
  const shown = points.filter((p) => (xKind !== 'log' || p.x > 0) && (yKind !== 'log' || p.y > 0));
  const omitted = points.length - shown.length;
  const label = omitted ? t.omittedOnLog(options.label, omitted) : options.label;
  const svg = createSvg('scatter', width, height, label).attr('data-omitted', omitted);
  const groups = options.groups ?? [];
  const top =
    margin.top +
    (groups.length
      ? addLegend(
          svg,
          groups.map((g, i) => ({ label: g, colour: i })),
          width,
          margin.left,
        )
      : 0);
  const innerWidth = Math.max(10, width - margin.left - margin.right);
  const innerHeight = Math.max(10, height - top - margin.bottom);
  const x = makeScale(
    xKind,
    shown.map((p) => p.x),
    [0, innerWidth],
  );
  // The lowest and highest points keep a few pixels off the axes, so none sits on a tick label.
  const y = makeScale(
    yKind,
    shown.map((p) => p.y),
    [innerHeight - 8, 4],
  );

  const plot = svg.append('g').attr('transform', `translate(${margin.left},${top})`);
  const xTicks = Math.max(2, Math.floor(innerWidth / 80));
  const yTicks = Math.max(2, Math.floor(innerHeight / 40));
  const [x0, x1] = x.domain() as [number, number];
  const time = options.xTime ? timeTicks(x0, x1, innerWidth, locale.format) : undefined;
  plot
    .append('g')
    .attr('class', 'tl-axis tl-axis-x')
    .attr('transform', `translate(0,${innerHeight})`)
    .call(
      axisBottom(x)
        .tickValues(
          time
            ? time.values
            : options.xTickCandidates
              ? pickTicks(options.xTickCandidates, x.domain(), xTicks)
              : tickValues(x, xKind === 'log' ? 'log' : 'linear', xTicks),
        )
        .tickFormat((v) => (time ? time.format(Number(v)) : formatX(Number(v))))
        .tickSize(-innerHeight),
    )
    .call((g) => g.select('.domain').remove())
    .append('text')
    .attr('class', 'tl-axis-label')
    .attr('x', innerWidth)
    .attr('y', 36)
    .attr('text-anchor', 'end')
    .text(xKind === 'log' ? t.logScale(xLabel) : xLabel);
  gridAxisY(plot, y, innerWidth, (axis) =>
    axis
      // No label at the very bottom: it would sit on top of the x axis's first label.
      .tickValues(tickValues(y, yKind, yTicks).filter((v) => y(v) < innerHeight - 6))
      .tickFormat((v) => formatY(Number(v))),
  )
    .append('text')
    .attr('class', 'tl-axis-label')
    .attr('x', -margin.left + 4)
    .attr('y', -10)
    .attr('text-anchor', 'start')
    .text(yKind === 'log' ? t.logScale(yLabel) : yLabel);

  const tooltip = addTooltip(svg, width, height);
  const describe = (p: ScatterPoint) => [
    p.label,
    ...(p.group !== undefined && groups[p.group] !== undefined ? [groups[p.group]!] : []),
    t.withUnit(formatX(p.x), xLabel),
    t.withUnit(formatY(p.y), yLabel),
    ...(p.highlight && options.highlightLabel ? [options.highlightLabel] : []),
  ];
  // Highlighted points last, so they sit on top of the crowd.
  const plain = shown.filter((p) => !p.highlight);
  const highlighted = shown.filter((p) => p.highlight);
  svg.attr('data-points', shown.length);
  if (plain.length > DENSE) {
    // Thousands of <circle> elements cost more main-thread time than the rest of a page (10,000
    // channels: ~0.5 s); one path of circles draws the same picture, and the tooltip finds the
    // nearest point itself.
    const px = plain.map((p) => x(p.x));
    const py = plain.map((p) => y(p.y));
    const r = 2.5;
    // One path per group, so each keeps its colour.
    const paths = new Map<number, string>();
    for (let i = 0; i < plain.length; i += 1) {
      const g = plain[i]!.group ?? -1;
      paths.set(
        g,
        `${paths.get(g) ?? ''}M${(px[i]! - r).toFixed(1)},${py[i]!.toFixed(1)}a${r},${r} 0 1,0 ${2 * r},0a${r},${r} 0 1,0 ${-2 * r},0`,
      );
    }
    for (const [g, d] of paths) {
      plot
        .append('path')
        .attr('class', g < 0 ? 'tl-dense-marks' : `tl-dense-marks tl-grouped ${seriesClass(g)}`)
        .attr('d', d);
    }
    plot
      .append('rect')
      .attr('class', 'tl-overlay')
      .attr('width', innerWidth)
      .attr('height', innerHeight)
      .on('pointermove', (event: PointerEvent) => {
        const [mx, my] = pointer(event);
        let best = -1;
        let bestDistance = 64; // within 8 px
        for (let i = 0; i < plain.length; i += 1) {
          const distance = (px[i]! - mx) ** 2 + (py[i]! - my) ** 2;
          if (distance < bestDistance) {
            bestDistance = distance;
            best = i;
          }
        }
        const p = plain[best];
        if (p) tooltip.show(margin.left + px[best]!, top + py[best]!, describe(p));
        else tooltip.hide();
      })
      .on('pointerleave', () => tooltip.hide());
  }
  plot
    .append('g')
    .selectAll('circle')
    .data(plain.length > DENSE ? highlighted : [...plain, ...highlighted])
    .join('circle')
    .attr('class', (p) =>
      p.highlight
        ? 'tl-mark tl-highlight'
        : p.group === undefined
          ? 'tl-mark'
          : `tl-mark tl-grouped ${seriesClass(p.group)}`,
    )
    .attr('cx', (p) => x(p.x))
    .attr('cy', (p) => y(p.y))
    .attr('r', (p) => (p.highlight ? 5 : 3.5))
    .on('pointerenter', (_event: PointerEvent, p) => {
      tooltip.show(margin.left + x(p.x), top + y(p.y), describe(p));
    })
    .on('pointerleave', () => tooltip.hide());

  if (options.highlightLabel && shown.some((p) => p.highlight)) {
    const legend = svg
      .append('g')
      .attr('class', 'tl-legend')
      .attr('transform', `translate(${width - margin.right},${top - 12})`);
    legend.append('circle').attr('class', 'tl-highlight').attr('r', 5).attr('cx', -8).attr('cy', -4);
    legend.append('text').attr('x', -18).attr('y', 0).attr('text-anchor', 'end').text(options.highlightLabel);
  }
  return svg.node()!;
}

/**
 * Tick values that fit in `room` labels. On a log axis d3 offers 1…9 of every decade: keep 1, 2
 * and 5 when they fit, else the powers of ten, else every few powers.
 */
function tickValues(
  scale: { ticks(count?: number): number[] },
  kind: 'log' | 'linear',
  room: number,
): number[] {
  const all = scale.ticks(room);
  if (kind !== 'log') return all;
  const lead = (v: number) => Math.round(v / 10 ** Math.floor(Math.log10(v)));
  const nice = all.filter((v) => [1, 2, 5].includes(lead(v)));
  if (nice.length <= room) return nice;
  const powers = all.filter((v) => lead(v) === 1);
  const step = Math.ceil(powers.length / Math.max(1, room));
  return powers.filter((_, i) => i % step === 0);
}

/** The candidates inside `domain`, every n-th one so that at most `room` remain. */
function pickTicks(candidates: readonly number[], domain: number[], room: number): number[] {
  const lo = Math.min(...domain);
  const hi = Math.max(...domain);
  const inside = candidates.filter((v) => v >= lo && v <= hi);
  const step = Math.ceil(inside.length / Math.max(1, room));
  return inside.filter((_, i) => i % step === 0);
}
