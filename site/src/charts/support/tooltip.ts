import { displayWidth } from '../../text/displayWidth.ts';
import type { Svg } from './svg.ts';
import { clamp } from './svg.ts';

export interface Tooltip {
  /** Shows `lines` (plain text) near (x, y) in chart coordinates. */
  show(x: number, y: number, lines: readonly string[]): void;
  hide(): void;
}

/**
 * A tooltip drawn inside the SVG, so a chart stays one self-contained element that works in
 * any page (the explorer reuses the charts). Text goes in through textContent only: titles
 * come from YouTube and are untrusted.
 */
export function addTooltip(svg: Svg, width: number, height: number): Tooltip {
  const group = svg
    .append('g')
    .attr('class', 'tl-tooltip')
    .attr('aria-hidden', 'true')
    .attr('pointer-events', 'none')
    .attr('visibility', 'hidden');
  const box = group.append('rect').attr('rx', 4).attr('ry', 4);
  const text = group.append('text');
  const lineHeight = 16;
  const padding = 8;
  return {
    show(x, y, lines) {
      text
        .selectAll('tspan')
        .data(lines)
        .join('tspan')
        .attr('x', padding)
        .attr('y', (_, i) => padding + 12 + i * lineHeight)
        .attr('class', (_, i) => (i === 0 ? 'tl-tooltip-title' : null))
        .text((line) => line);
      const node = text.node();
      const textWidth = node && typeof node.getComputedTextLength === 'function' ? measure(node) : 0;
      const w = Math.ceil(Math.max(textWidth, ...lines.map((l) => displayWidth(l) * 6.6)) + padding * 2);
      const boxWidth = Math.min(w, width);
      const h = lines.length * lineHeight + padding * 2 - 4;
      box.attr('width', boxWidth).attr('height', h);
      // Prefer the upper right of the pointer; flip when that would leave the chart.
      const left = x + 12 + boxWidth > width ? x - 12 - boxWidth : x + 12;
      const top = y - h - 8 < 0 ? y + 12 : y - h - 8;
      group
        .attr('transform', `translate(${clamp(left, 0, width - boxWidth)},${clamp(top, 0, height - h)})`)
        .attr('visibility', 'visible');
    },
    hide() {
      group.attr('visibility', 'hidden');
    },
  };
}

function measure(node: SVGTextElement): number {
  try {
    return node.getBBox().width;
  } catch {
    return 0; // not attached to a document yet
  }
}
