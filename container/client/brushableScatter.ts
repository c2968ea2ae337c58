import { brush as d3brush } from 'd3-brush';
import { select } from 'd3-selection';
import { type ScatterPoint as ChartPoint, formatDay, scatterPlot } from '../../site/src/charts/index.ts';
import type { ScatterPoint } from '../shared/protocol.ts';
import type { Brush } from '../shared/viewState.ts';

const DAY = 86_400_000;

interface Fit {
  toPx(value: number): number;
  fromPx(px: number): number;
}

/** Recovers a chart axis from two drawn points (linear, or linear in log10 for a log axis). */
function fitAxis(pairs: [number, number][], log: boolean): Fit | undefined {
  const t = (v: number) => (log ? Math.log10(v) : v);
  const sorted = [...pairs].sort((a, b) => a[0] - b[0]);
  const lo = sorted[0];
  const hi = sorted.at(-1);
  if (!lo || !hi || t(hi[0]) === t(lo[0])) return undefined;
  const slope = (hi[1] - lo[1]) / (t(hi[0]) - t(lo[0]));
  return {
    toPx: (v) => lo[1] + (t(v) - t(lo[0])) * slope,
    fromPx: (px) => {
      const u = t(lo[0]) + (px - lo[1]) / slope;
      return log ? 10 ** u : u;
    },
  };
}

/**
 * The site's scatterPlot (publish day against views, log views) with a d3 brush laid over its
 * plot area. The chart stays the site's pure function; the brush reads the chart's own scales
 * back from where it drew the points, so the rectangle maps to exactly the data under it.
 */
export function brushableScatter(
  points: readonly ScatterPoint[],
  /** Channel titles by id, for the tooltips. */
  titles: ReadonlyMap<string, string>,
  brushed: Brush | null,
  options: { width: number; height: number; onBrush(region: Brush | null): void },
): SVGSVGElement {
  const origin = Math.min(...points.map((p) => p.publishedAt));
  const inside = (p: ScatterPoint) =>
    brushed !== null &&
    p.publishedAt >= Date.parse(brushed.from) &&
    p.publishedAt <= Date.parse(brushed.to) &&
    p.views >= brushed.minViews &&
    p.views <= brushed.maxViews;
  const data: ChartPoint[] = points.map((p) => ({
    x: (p.publishedAt - origin) / DAY,
    y: p.views,
    label: titles.get(p.channelId) ?? p.channelId,
    highlight: inside(p),
  }));
  const svg = scatterPlot(data, {
    width: options.width,
    height: options.height,
    label: `${points.length} videos: publish date against views`,
    xLabel: 'published',
    yLabel: 'views',
    xScale: 'linear',
    yScale: 'log',
    formatX: (days) => formatDay(new Date(origin + days * DAY)),
    highlightLabel: 'selected',
  });
  const circles = [...svg.querySelectorAll<SVGCircleElement>('circle.tl-mark')];
  const plot = circles[0]?.parentNode?.parentNode as SVGGElement | undefined;
  if (!plot) return svg;
  const drawn = circles.map((c) => (c as unknown as { __data__: ChartPoint }).__data__);
  const xFit = fitAxis(
    drawn.map((d, i) => [d.x, Number(circles[i]!.getAttribute('cx'))]),
    false,
  );
  const yFit = fitAxis(
    drawn.map((d, i) => [d.y, Number(circles[i]!.getAttribute('cy'))]),
    true,
  );
  const xAxis = plot.querySelector('.tl-axis-x')?.getAttribute('transform') ?? '';
  const innerHeight = Number(/translate\(0,([\d.]+)\)/.exec(xAxis)?.[1] ?? options.height - 68);
  const left = Number(/translate\(([\d.]+)/.exec(plot.getAttribute('transform') ?? '')?.[1] ?? 56);
  const innerWidth = options.width - left - 16;
  if (!xFit || !yFit) return svg;
  const brush = d3brush()
    .extent([
      [0, 0],
      [innerWidth, innerHeight],
    ])
    .on('end', (event: { selection: [[number, number], [number, number]] | null; sourceEvent?: Event }) => {
      if (!event.sourceEvent) return;
      if (!event.selection) {
        options.onBrush(null);
        return;
      }
      const [[x0, y0], [x1, y1]] = event.selection;
      options.onBrush({
        from: new Date(origin + xFit.fromPx(x0) * DAY).toISOString(),
        to: new Date(origin + xFit.fromPx(x1) * DAY).toISOString(),
        minViews: Math.max(0, Math.floor(yFit.fromPx(y1))),
        maxViews: Math.ceil(yFit.fromPx(y0)),
      });
    });
  const layer = select(plot).append('g').attr('class', 'brush').call(brush);
  if (brushed) {
    const x0 = xFit.toPx((Date.parse(brushed.from) - origin) / DAY);
    const x1 = xFit.toPx((Date.parse(brushed.to) - origin) / DAY);
    const y0 = yFit.toPx(Math.max(1, brushed.maxViews));
    const y1 = yFit.toPx(Math.max(1, brushed.minViews));
    const clampX = (v: number) => Math.min(innerWidth, Math.max(0, v));
    const clampY = (v: number) => Math.min(innerHeight, Math.max(0, v));
    layer.call(brush.move, [
      [clampX(x0), clampY(y0)],
      [clampX(x1), clampY(y1)],
    ]);
  }
  return svg;
}
