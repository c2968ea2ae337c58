import { displayWidth } from '../../text/displayWidth.ts';
import { fitLabel } from './fitLabel.ts';
import type { Svg } from './svg.ts';

/** How many colours the series palette has (`tl-series-0` … `tl-series-9` in charts.css). */
export const SERIES_COLOURS = 10;

/** The class that gives series `index` its colour. */
export const seriesClass = (index: number) => `tl-series-${index % SERIES_COLOURS}`;

export interface LegendEntry {
  readonly label: string;
  /** Index into the palette. */
  readonly colour: number;
  /** Drawn as a dashed stroke instead of a swatch (e.g. a typical or median line). */
  readonly dashed?: boolean;
}

const ROW = 18;
const GAP = 16;
/** About 6.6 px a cell of the charts' 12 px text (as tick labels are measured). */
const CELL = 6.6;

/**
 * A legend laid out in rows across the top of a chart: a swatch and a label per entry, wrapping
 * when the width runs out. A label gets at most a third of the width, cut by display width (a
 * Japanese title is as wide as it looks), with the whole label on hover. Returns the height it
 * took, so the chart starts below it.
 */
export function addLegend(svg: Svg, entries: readonly LegendEntry[], width: number, left = 8): number {
  if (entries.length === 0) return 0;
  const legend = svg.append('g').attr('class', 'tl-legend tl-series-legend');
  const room = Math.max(80, width / 3 - 24);
  let x = left;
  let y = 12;
  for (const entry of entries) {
    const text = fitLabel(entry.label, room);
    const w = 18 + displayWidth(text) * CELL;
    if (x > left && x + w > width) {
      x = left;
      y += ROW;
    }
    const g = legend
      .append('g')
      .attr('class', `tl-legend-entry tl-series-${entry.colour % SERIES_COLOURS}`)
      .attr('transform', `translate(${x},${y})`);
    if (text !== entry.label) g.append('title').text(entry.label);
    if (entry.dashed) {
      g.append('line')
        .attr('class', 'tl-swatch-line tl-dashed')
        .attr('x1', 0)
        .attr('x2', 12)
        .attr('y1', -4)
        .attr('y2', -4);
    } else {
      g.append('rect').attr('class', 'tl-swatch').attr('width', 12).attr('height', 10).attr('y', -9);
    }
    g.append('text').attr('x', 16).attr('y', 0).text(text);
    x += w + GAP;
  }
  return y + 10;
}
