import { max } from 'd3-array';
import { scaleBand, scaleLinear } from 'd3-scale';
import type { ChartLocale } from './support/chartLocale.ts';
import { createSvg, type Margin } from './support/svg.ts';
import { addTooltip } from './support/tooltip.ts';

export interface HeatCell {
  /** Row index into `rowLabels` (e.g. weekday, Monday = 0). */
  readonly row: number;
  /** Column index into `columnLabels` (e.g. hour of day). */
  readonly column: number;
  readonly value: number;
  readonly details?: readonly string[];
}

export interface HeatmapOptions {
  readonly width: number;
  readonly height?: number;
  readonly label: string;
  readonly rowLabels: readonly string[];
  readonly columnLabels: readonly string[];
  readonly unit?: string;
  readonly formatValue?: (value: number) => string;
  /** Describes a cell in the tooltip, e.g. (row, col) => "Tuesday 14:00–15:00 UTC". */
  readonly describeCell?: (row: number, column: number) => string;
  readonly locale: ChartLocale;
}

const margin: Margin = { top: 8, right: 8, bottom: 44, left: 40 };

/**
 * A grid of cells shaded by value. Shade is fill-opacity over the theme's accent colour, so the
 * same chart reads in light and dark themes. One `.tl-mark` per given cell; missing cells show
 * as the empty grid behind.
 */
export function heatmap(cells: readonly HeatCell[], options: HeatmapOptions): SVGSVGElement {
  const { width, rowLabels, columnLabels, label, unit = '', locale } = options;
  const formatValue = options.formatValue ?? locale.format.count;
  const innerWidth = Math.max(10, width - margin.left - margin.right);
  const cellSize = innerWidth / columnLabels.length;
  const height = options.height ?? Math.round(cellSize * rowLabels.length * 0.9 + margin.top + margin.bottom);
  const innerHeight = Math.max(10, height - margin.top - margin.bottom);
  const svg = createSvg('heatmap', width, height, label);
  const x = scaleBand<number>()
    .domain(columnLabels.map((_, i) => i))
    .range([0, innerWidth])
    .padding(0.06);
  const y = scaleBand<number>()
    .domain(rowLabels.map((_, i) => i))
    .range([0, innerHeight])
    .padding(0.06);
  const shade = scaleLinear()
    .domain([0, max(cells, (c) => c.value) || 1])
    .range([0.06, 1]);
  const describe = options.describeCell ?? ((r, c) => `${rowLabels[r]} ${columnLabels[c]}`);

  const plot = svg.append('g').attr('transform', `translate(${margin.left},${margin.top})`);
  plot
    .append('g')
    .attr('class', 'tl-grid')
    .selectAll('rect')
    .data(rowLabels.flatMap((_, r) => columnLabels.map((_, c) => [r, c] as const)))
    .join('rect')
    .attr('x', ([, c]) => x(c) ?? 0)
    .attr('y', ([r]) => y(r) ?? 0)
    .attr('width', x.bandwidth())
    .attr('height', y.bandwidth());
  const tooltip = addTooltip(svg, width, height);
  plot
    .append('g')
    .selectAll('rect')
    .data(cells)
    .join('rect')
    .attr('class', 'tl-mark')
    .attr('x', (c) => x(c.column) ?? 0)
    .attr('y', (c) => y(c.row) ?? 0)
    .attr('width', x.bandwidth())
    .attr('height', y.bandwidth())
    .attr('fill-opacity', (c) => shade(c.value))
    .on('pointerenter', (_event: PointerEvent, c) => {
      tooltip.show(margin.left + (x(c.column) ?? 0) + x.bandwidth(), margin.top + (y(c.row) ?? 0), [
        describe(c.row, c.column),
        unit ? locale.text.withUnit(formatValue(c.value), unit) : formatValue(c.value),
        ...(c.details ?? []),
      ]);
    })
    .on('pointerleave', () => tooltip.hide());

  const rowAxis = plot.append('g').attr('class', 'tl-axis tl-axis-y');
  rowAxis
    .selectAll('text')
    .data(rowLabels)
    .join('text')
    .attr('x', -6)
    .attr('y', (_, r) => (y(r) ?? 0) + y.bandwidth() / 2)
    .attr('dy', '0.35em')
    .attr('text-anchor', 'end')
    .text((l) => l);
  // Column labels every 3rd column when cells are narrow (24 hours on a phone).
  const every = cellSize < 22 ? 3 : 1;
  plot
    .append('g')
    .attr('class', 'tl-axis tl-axis-x')
    .selectAll('text')
    .data(columnLabels)
    .join('text')
    .attr('x', (_, c) => (x(c) ?? 0) + x.bandwidth() / 2)
    .attr('y', innerHeight + 14)
    .attr('text-anchor', 'middle')
    .text((l, c) => (c % every === 0 ? l : ''));

  // Legend: five swatches from least to most.
  const legend = plot
    .append('g')
    .attr('class', 'tl-legend')
    .attr('transform', `translate(0,${innerHeight + 30})`);
  legend.append('text').attr('x', 36).attr('y', 10).attr('text-anchor', 'end').text(locale.text.fewer);
  legend
    .selectAll('rect')
    .data([0.06, 0.3, 0.53, 0.77, 1])
    .join('rect')
    .attr('class', 'tl-swatch')
    .attr('x', (_, i) => 40 + i * 16)
    .attr('y', 0)
    .attr('width', 14)
    .attr('height', 12)
    .attr('fill-opacity', (o) => o);
  legend.append('text').attr('x', 124).attr('y', 10).text(locale.text.more);
  return svg.node()!;
}
