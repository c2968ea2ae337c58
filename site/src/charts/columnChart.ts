import { max } from 'd3-array';
import { axisBottom } from 'd3-axis';
import { scaleBand, scaleLinear } from 'd3-scale';
import { displayWidth } from '../text/displayWidth.ts';
import type { ChartLocale } from './support/chartLocale.ts';
import { gridAxisY } from './support/gridAxisY.ts';
import { createSvg, type Margin } from './support/svg.ts';
import { addTooltip } from './support/tooltip.ts';

export interface Column {
  /** Category or period, e.g. "Mar 2018" or "4–10 min". */
  readonly label: string;
  readonly value: number;
  readonly details?: readonly string[];
}

export interface ColumnChartOptions {
  readonly width: number;
  readonly height: number;
  readonly label: string;
  readonly unit?: string;
  readonly formatValue?: (value: number) => string;
  readonly locale: ChartLocale;
}

const margin: Margin = { top: 16, right: 12, bottom: 40, left: 56 };

/** Vertical bars over ordered categories (months, duration buckets); labels thin out when crowded. */
export function columnChart(columns: readonly Column[], options: ColumnChartOptions): SVGSVGElement {
  const { width, height, label, unit = '', locale } = options;
  const formatValue = options.formatValue ?? locale.format.count;
  const svg = createSvg('columns', width, height, label);
  const innerWidth = Math.max(10, width - margin.left - margin.right);
  const innerHeight = Math.max(10, height - margin.top - margin.bottom);
  // Slots at most 96 px wide: one or two columns are centred rather than stretched.
  const used = Math.min(innerWidth, columns.length * 96);
  const x = scaleBand<number>()
    .domain(columns.map((_, i) => i))
    .range([(innerWidth - used) / 2, (innerWidth + used) / 2])
    .padding(columns.length > 40 ? 0.08 : 0.2);
  const y = scaleLinear()
    .domain([0, max(columns, (c) => c.value) || 1])
    .nice()
    .range([innerHeight, 0]);
  // Counts are whole: no "0.5 uploads" tick when the largest value is small.
  const wholeValues = columns.every((c) => Number.isInteger(c.value));
  const yTicks = y
    .ticks(Math.max(2, Math.floor(innerHeight / 40)))
    .filter((v) => !wholeValues || Number.isInteger(v));

  // Label every column whose label fits in the gap; thin them out when they would overlap.
  const widest = Math.max(0, ...columns.map((c) => displayWidth(c.label))) * 6.6 + 8;
  const every = Math.max(1, Math.ceil(widest / Math.max(1, x.step())));
  const plot = svg.append('g').attr('transform', `translate(${margin.left},${margin.top})`);
  plot
    .append('g')
    .attr('class', 'tl-axis tl-axis-x')
    .attr('transform', `translate(0,${innerHeight})`)
    .call(
      axisBottom(x)
        .tickValues(x.domain().filter((i) => i % every === 0))
        .tickFormat((i) => columns[i]?.label ?? '')
        .tickSizeOuter(0),
    );
  gridAxisY(plot, y, innerWidth, (axis) => axis.tickValues(yTicks).tickFormat((v) => formatValue(Number(v))));

  const tooltip = addTooltip(svg, width, height);
  plot
    .append('g')
    .selectAll('rect')
    .data(columns)
    .join('rect')
    .attr('class', 'tl-mark')
    .attr('x', (_, i) => x(i) ?? 0)
    .attr('y', (c) => Math.min(y(c.value), innerHeight - 1))
    .attr('width', x.bandwidth())
    .attr('height', (c) => Math.max(1, innerHeight - y(c.value)))
    .on('pointerenter', (_event: PointerEvent, c) => {
      const i = columns.indexOf(c);
      tooltip.show(margin.left + (x(i) ?? 0) + x.bandwidth() / 2, margin.top + y(c.value), [
        c.label,
        unit ? locale.text.withUnit(formatValue(c.value), unit) : formatValue(c.value),
        ...(c.details ?? []),
      ]);
    })
    .on('pointerleave', () => tooltip.hide());
  return svg.node()!;
}
