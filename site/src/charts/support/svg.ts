import { create, type Selection } from 'd3-selection';

export type Svg = Selection<SVGSVGElement, undefined, null, undefined>;

export interface Margin {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/**
 * An empty chart canvas with an accessible name. Charts draw in CSS pixels, so the SVG's
 * viewBox equals its size and the page re-renders at a new width instead of stretching text.
 */
export function createSvg(kind: string, width: number, height: number, label: string): Svg {
  const svg = create('svg')
    .attr('xmlns', 'http://www.w3.org/2000/svg')
    .attr('class', `tl-chart tl-${kind}`)
    .attr('width', width)
    .attr('height', height)
    .attr('viewBox', `0 0 ${width} ${height}`)
    .attr('role', 'img')
    .attr('aria-label', label);
  svg.append('title').text(label);
  return svg;
}

/** Keeps a number inside [min, max]. */
export function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
