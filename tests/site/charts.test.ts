import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.ts';

// The chart functions on their own, as the explorer uses them: bundled from site/src/charts with
// esbuild into a blank Chromium page, called with data, and the returned SVG inspected.
let browser: Browser;
let page: Page;

beforeAll(async () => {
  const bundle = await build({
    entryPoints: [fileURLToPath(new URL('../../site/src/charts/index.ts', import.meta.url))],
    bundle: true,
    format: 'iife',
    globalName: 'charts',
    write: false,
    logLevel: 'silent',
  });
  browser = await launchBrowser();
  page = await browser.newPage();
  await page.setContent('<!doctype html><body></body>');
  await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

type Charts = typeof import('../../site/src/charts/index.ts');
declare const charts: Charts;

describe('chart functions', () => {
  it('scatterPlot draws one circle per point, and one path once the points are dense', async () => {
    const counts = await page.evaluate(() => {
      const points = (n: number) =>
        Array.from({ length: n }, (_, i) => ({
          x: 1 + (i % 97),
          y: 10 + i,
          label: `p${i}`,
          highlight: i % 500 === 0,
        }));
      const options = {
        width: 600,
        height: 300,
        label: 'test',
        xLabel: 'x',
        yLabel: 'y',
        highlightLabel: 'breakout',
      };
      const small = charts.scatterPlot([...points(100), { x: 0, y: 5, label: 'zero' }], options);
      const dense = charts.scatterPlot(points(5000), options);
      document.body.append(dense);
      return {
        small: small.querySelectorAll('.tl-mark').length,
        smallOmitted: small.getAttribute('data-omitted'),
        dense: dense.querySelectorAll('.tl-mark').length,
        denseHighlighted: dense.querySelectorAll('.tl-mark.tl-highlight').length,
        densePoints: dense.getAttribute('data-points'),
        densePaths: dense.querySelectorAll('.tl-dense-marks').length,
        subpaths: (dense.querySelector('.tl-dense-marks')?.getAttribute('d')?.match(/M/g) ?? []).length,
      };
    });
    expect(counts).toEqual({
      small: 100,
      smallOmitted: '1',
      dense: 10,
      denseHighlighted: 10,
      densePoints: '5000',
      densePaths: 1,
      subpaths: 4990,
    });
    // The tooltip finds the nearest point of the dense path under the pointer.
    const box = (await page.locator('svg.tl-scatter .tl-overlay').boundingBox())!;
    await page.mouse.move(box.x + 3, box.y + box.height - 3);
    await expect
      .poll(() => page.locator('svg.tl-scatter .tl-tooltip').getAttribute('visibility'))
      .toBe('visible');
    expect(await page.locator('svg.tl-scatter .tl-tooltip').textContent()).toMatch(/^p\d+/);
  });

  it('every chart returns a labelled SVG of the requested width with one mark per datum', async () => {
    const result = await page.evaluate(() => {
      const svgs = [
        charts.barChart(
          [
            { label: 'a', value: 3 },
            { label: '<b>b</b>', value: 1 },
          ],
          { width: 400, label: 'bars' },
        ),
        charts.columnChart(
          [
            { label: 'Jan', value: 1 },
            { label: 'Feb', value: 2 },
            { label: 'Mar', value: 0 },
          ],
          { width: 300, height: 200, label: 'columns' },
        ),
        charts.timeSeries(
          [0, 1, 2, 3].map((d) => ({ date: new Date(Date.UTC(2026, 0, 1 + d)), value: d * 1000 })),
          { width: 500, height: 200, label: 'series' },
        ),
        charts.heatmap([{ row: 0, column: 1, value: 5 }], {
          width: 480,
          label: 'heat',
          rowLabels: ['Mon', 'Tue'],
          columnLabels: ['0', '1', '2'],
        }),
        charts.histogram(
          [
            { from: 0, to: 2, count: 4 },
            { from: 2, to: null, count: 1 },
          ],
          { width: 300, height: 200, label: 'hist', xLabel: 'per 1,000', quantiles: null },
        ),
      ];
      return svgs.map((svg) => ({
        width: svg.getAttribute('width'),
        label: svg.getAttribute('aria-label'),
        role: svg.getAttribute('role'),
        marks: svg.querySelectorAll('.tl-mark').length,
        markup: svg.querySelectorAll('b').length,
      }));
    });
    expect(result).toEqual([
      { width: '400', label: 'bars', role: 'img', marks: 2, markup: 0 },
      { width: '300', label: 'columns', role: 'img', marks: 3, markup: 0 },
      { width: '500', label: 'series', role: 'img', marks: 4, markup: 0 },
      { width: '480', label: 'heat', role: 'img', marks: 1, markup: 0 },
      { width: '300', label: 'hist', role: 'img', marks: 2, markup: 0 },
    ]);
  });
});
