import { type ScatterPoint as ChartPoint, scatterPlot } from '../../site/src/charts/index.ts';
import type { ScatterPoint } from '../shared/protocol.ts';
import type { Brush } from '../shared/viewState.ts';
import { dragRegion } from './dragRegion.ts';
import type { ExplorerLocale } from './i18n.ts';

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
 * The site's scatterPlot (publish time against views, log views) with a dragged rectangle laid
 * over its plot area. The chart stays the site's pure function; the brush reads the chart's own scales
 * back from where it drew the points, so the rectangle maps to exactly the data under it.
 */
export function brushableScatter(
  points: readonly ScatterPoint[],
  /** Channel titles by id, for the tooltips. */
  titles: ReadonlyMap<string, string>,
  brushed: Brush | null,
  options: {
    width: number;
    height: number;
    locale: ExplorerLocale;
    onBrush(region: Brush | null): void;
    /** The selected channels in order: each colours its videos as in every chart, with a legend. */
    channels?: readonly string[];
  },
): SVGSVGElement {
  const { t, format: f } = options.locale;
  const inside = (p: ScatterPoint) =>
    brushed !== null &&
    p.publishedAt >= Date.parse(brushed.from) &&
    p.publishedAt <= Date.parse(brushed.to) &&
    p.views >= brushed.minViews &&
    p.views <= brushed.maxViews;
  const channels = options.channels ?? [];
  const data: ChartPoint[] = points.map((p) => {
    const group = channels.indexOf(p.channelId);
    return {
      x: p.publishedAt,
      y: p.views,
      label: titles.get(p.channelId) ?? p.channelId,
      highlight: inside(p),
      ...(group >= 0 ? { group } : {}),
    };
  });
  const svg = scatterPlot(data, {
    width: options.width,
    height: options.height,
    label: t.scatterLabel(t.videos(points.length, f.count(points.length))),
    xLabel: t.publishedAxis,
    yLabel: t.viewsAxis,
    xTime: true,
    yScale: 'log',
    highlightLabel: t.selected,
    locale: options.locale.chart,
    ...(channels.length ? { groups: channels.map((id) => titles.get(id) ?? id) } : {}),
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
  const region = dragRegion(plot, innerWidth, innerHeight, (selected) => {
    if (!selected) {
      options.onBrush(null);
      return;
    }
    const [[x0, y0], [x1, y1]] = selected;
    options.onBrush({
      from: new Date(xFit.fromPx(x0)).toISOString(),
      to: new Date(xFit.fromPx(x1)).toISOString(),
      minViews: Math.max(0, Math.floor(yFit.fromPx(y1))),
      maxViews: Math.ceil(yFit.fromPx(y0)),
    });
  });
  if (brushed) {
    const x0 = xFit.toPx(Date.parse(brushed.from));
    const x1 = xFit.toPx(Date.parse(brushed.to));
    const y0 = yFit.toPx(Math.max(1, brushed.maxViews));
    const y1 = yFit.toPx(Math.max(1, brushed.minViews));
    const clampX = (v: number) => Math.min(innerWidth, Math.max(0, v));
    const clampY = (v: number) => Math.min(innerHeight, Math.max(0, v));
    region.show([
      [clampX(x0), clampY(y0)],
      [clampX(x1), clampY(y1)],
    ]);
  }
  return svg;
}
