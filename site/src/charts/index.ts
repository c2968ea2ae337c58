// The chart catalogue: each chart is a pure function (data, { width, height, locale, ... }) =>
// SVGSVGElement. Styling lives in charts.css (class names tl-*); the explorer reuses both.
export { type Bar, type BarChartOptions, barChart } from './barChart.ts';
export { type Column, type ColumnChartOptions, columnChart } from './columnChart.ts';
export { type HeatCell, type HeatmapOptions, heatmap } from './heatmap.ts';
export { type HistogramBin, type HistogramOptions, histogram, type Quantiles } from './histogram.ts';
export { type LineChartOptions, type LinePoint, type LineSeries, lineChart } from './lineChart.ts';
export { type ScatterPlotOptions, type ScatterPoint, scatterPlot } from './scatterPlot.ts';
export type { ChartLocale } from './support/chartLocale.ts';
export { DURATION_TICKS } from './support/durationTicks.ts';
export { SERIES_COLOURS, seriesClass } from './support/legend.ts';
export { type TimeTicks, timeTicks } from './support/timeTicks.ts';
export { type TimePoint, type TimeSeriesOptions, timeSeries } from './timeSeries.ts';
