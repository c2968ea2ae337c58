import { max } from 'd3-array';
import { axisBottom } from 'd3-axis';
import { scaleBand, scaleLinear } from 'd3-scale';
import type { ChartLocale } from './support/chartLocale.ts';
import { fitLabel } from './support/fitLabel.ts';
import { createSvg } from './support/svg.ts';
import { addTooltip } from './support/tooltip.ts';

export interface Bar {
  readonly label: string;
  readonly value: number;
  /** Makes the label a link (e.g. to the channel's page). */
  readonly href?: string;
  /** Extra tooltip lines. */
  readonly details?: readonly string[];
}

export interface BarChartOptions {
  readonly width: number;
  /** Defaults to one 26 px row per bar. */
  readonly height?: number;
  readonly label: string;
  readonly unit?: string;
  readonly formatValue?: (value: number) => string;
  readonly locale: ChartLocale;
}

const rowHeight = 26;

/** Horizontal bars, largest first as given, labelled on the left and valued at the tip. */
export function barChart(bars: readonly Bar[], options: BarChartOptions): SVGSVGElement {
  const { width, label, unit = '', locale } = options;
  const formatValue = options.formatValue ?? locale.format.count;
  const height = options.height ?? bars.length * rowHeight + 40;
  const svg = createSvg('bars', width, height, label);
  // Labels take up to 40% of a wide chart and never less than 90 px.
  const labelWidth = Math.max(90, Math.min(260, Math.round(width * 0.4)));
  const margin = { top: 8, right: 56, bottom: 28, left: labelWidth };
  const innerWidth = Math.max(10, width - margin.left - margin.right);
  const innerHeight = Math.max(10, height - margin.top - margin.bottom);
  const y = scaleBand<number>()
    .domain(bars.map((_, i) => i))
    .range([0, innerHeight])
    .padding(0.22);
  const x = scaleLinear()
    .domain([0, max(bars, (b) => b.value) || 1])
    .nice()
    .range([0, innerWidth]);

  const plot = svg.append('g').attr('transform', `translate(${margin.left},${margin.top})`);
  plot
    .append('g')
    .attr('class', 'tl-axis tl-axis-x')
    .attr('transform', `translate(0,${innerHeight})`)
    .call(
      axisBottom(x)
        .ticks(Math.max(2, Math.floor(innerWidth / 80)))
        .tickFormat((v) => formatValue(Number(v)))
        .tickSize(-innerHeight),
    )
    .call((g) => g.select('.domain').remove());

  const tooltip = addTooltip(svg, width, height);
  const rows = plot
    .append('g')
    .selectAll('g')
    .data(bars)
    .join('g')
    .attr('transform', (_, i) => `translate(0,${y(i)})`);
  rows
    .append('rect')
    .attr('class', 'tl-mark')
    .attr('width', (b) => Math.max(1, x(b.value)))
    .attr('height', y.bandwidth())
    .on('pointerenter', (event: PointerEvent, b) => {
      const i = bars.indexOf(b);
      tooltip.show(margin.left + x(b.value), margin.top + (y(i) ?? 0), [
        b.label,
        unit ? locale.text.withUnit(formatValue(b.value), unit) : formatValue(b.value),
        ...(b.details ?? []),
      ]);
      event.stopPropagation();
    })
    .on('pointerleave', () => tooltip.hide());
  rows
    .append('text')
    .attr('class', 'tl-value')
    .attr('x', (b) => x(b.value) + 4)
    .attr('y', y.bandwidth() / 2)
    .attr('dy', '0.35em')
    .text((b) => formatValue(b.value));

  // Cut by width, not characters: a Japanese title needs about twice the room per character.
  const labelRoom = labelWidth - 10;
  const labels = rows
    .append((b) => document.createElementNS('http://www.w3.org/2000/svg', b.href ? 'a' : 'g'))
    .attr('class', 'tl-bar-label')
    .each(function (b) {
      if (b.href) this.setAttribute('href', b.href);
    });
  labels
    .append('text')
    .attr('x', -8)
    .attr('y', y.bandwidth() / 2)
    .attr('dy', '0.35em')
    .attr('text-anchor', 'end')
    .text((b) => fitLabel(b.label, labelRoom))
    // The text may be cut: the hover title (and the chart's data table) hold the whole label.
    .append('title')
    .text((b) => b.label);
  return svg.node()!;
}
