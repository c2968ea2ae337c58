import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.ts';

// The chart functions on their own, as the explorer uses them: bundled from site/src/charts with
// esbuild into a blank Chromium page, called with data, and the returned SVG inspected.
let browser: Browser;
let page: Page;

const source = (file: string) =>
  JSON.stringify(fileURLToPath(new URL(`../../site/src/${file}`, import.meta.url)));

beforeAll(async () => {
  const bundle = await build({
    // The charts, and what a page hands them: formatters and each language's chart words.
    stdin: {
      contents: [
        `export * from ${source('charts/index.ts')};`,
        `export { createFormatters } from ${source('i18n/formatters.ts')};`,
        `export { charts as enText } from ${source('i18n/en.ts')};`,
        `export { charts as jaText } from ${source('i18n/ja.ts')};`,
      ].join('\n'),
      resolveDir: fileURLToPath(new URL('.', import.meta.url)),
      loader: 'ts',
    },
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
  // The pages' stylesheets for charts: their font (12 px, the CJK font stack) is what labels are cut for.
  for (const css of ['styles/theme.css', 'charts/charts.css']) {
    await page.addStyleTag({
      content: await readFile(new URL(`../../site/src/${css}`, import.meta.url), 'utf8'),
    });
  }
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

type Charts = typeof import('../../site/src/charts/index.ts') & {
  createFormatters: typeof import('../../site/src/i18n/formatters.ts').createFormatters;
  enText: typeof import('../../site/src/i18n/en.ts').charts;
  jaText: typeof import('../../site/src/i18n/ja.ts').charts;
};
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
        locale: { format: charts.createFormatters('en', 'UTC'), text: charts.enText },
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
    // The first point of the path: "M<x - r>,<y>a…" in plot coordinates, as the overlay's.
    const d = (await page.locator('svg.tl-scatter .tl-dense-marks').getAttribute('d'))!;
    const [, mx, my] = /^M([\d.]+),([\d.]+)/.exec(d)!;
    await page.mouse.move(box.x + Number(mx) + 2.5, box.y + Number(my));
    await expect
      .poll(() => page.locator('svg.tl-scatter .tl-tooltip').getAttribute('visibility'))
      .toBe('visible');
    expect(await page.locator('svg.tl-scatter .tl-tooltip').textContent()).toMatch(/^p\d+/);
  });

  it('every chart returns a labelled SVG of the requested width with one mark per datum', async () => {
    const result = await page.evaluate(() => {
      const locale = { format: charts.createFormatters('en', 'UTC'), text: charts.enText };
      const svgs = [
        charts.barChart(
          [
            { label: 'a', value: 3 },
            { label: '<b>b</b>', value: 1 },
          ],
          { width: 400, label: 'bars', locale },
        ),
        charts.columnChart(
          [
            { label: 'Jan', value: 1 },
            { label: 'Feb', value: 2 },
            { label: 'Mar', value: 0 },
          ],
          { width: 300, height: 200, label: 'columns', locale },
        ),
        charts.timeSeries(
          [0, 1, 2, 3].map((d) => ({ date: new Date(Date.UTC(2026, 0, 1 + d)), value: d * 1000 })),
          { width: 500, height: 200, label: 'series', locale },
        ),
        charts.heatmap([{ row: 0, column: 1, value: 5 }], {
          width: 480,
          label: 'heat',
          rowLabels: ['Mon', 'Tue'],
          columnLabels: ['0', '1', '2'],
          locale,
        }),
        charts.histogram(
          [
            { from: 0, to: 2, count: 4 },
            { from: 2, to: null, count: 1 },
          ],
          { width: 300, height: 200, label: 'hist', xLabel: 'per 1,000', quantiles: null, locale },
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

  it('barChart cuts Japanese, Korean, Thai and emoji labels by width, whole in the hover: none runs off the left', async () => {
    const overflow = await page.evaluate(() => {
      document.body.replaceChildren();
      const locale = { format: charts.createFormatters('ja', 'Asia/Tokyo'), text: charts.jaText };
      const labels = [
        '【アニメ】IQ300のコンビニ店員ｗｗｗｗｗｗｗｗｗｗｗｗｗｗ',
        '【近藤春菜×日向坂46コラボ】ドレミソラシド【Full MV】Hinatazaka46 Doremisorashido',
        '흑인 마동석이 출근하는 마트를 털러온 강도들 에게 벌어진 일 ㅠㅠ',
        '🇺🇲🇪🇸SUB] [몰카] 누가봐도 강도인데 전혀 의심을 안하는 직원을 본다면?!!!',
        'ข่าววันนี้ล่าสุด ข่าววันนี้ล่าสุด ข่าววันนี้ล่าสุด',
      ];
      const svg = charts.barChart(
        labels.map((label, i) => ({ label, value: 10 - i })),
        { width: 360, label: 'bars', unit: '回', locale },
      );
      document.body.append(svg);
      const left = svg.getBoundingClientRect().left;
      return [...svg.querySelectorAll<SVGAElement | SVGGElement>('.tl-bar-label')].map((group, i) => ({
        inside: group.querySelector('text')!.getBoundingClientRect().left >= left - 0.5,
        cut: group.querySelector('text')!.firstChild!.textContent!.endsWith('…'),
        title: group.querySelector('title')!.textContent === labels[i],
      }));
    });
    expect(overflow).toHaveLength(5);
    expect(overflow).toEqual(overflow.map(() => ({ inside: true, cut: true, title: true })));
  });

  it('a time axis over two weeks has distinct labels that do not overlap; a decade has years', async () => {
    const axes = await page.evaluate(() => {
      document.body.replaceChildren();
      const locale = { format: charts.createFormatters('en', 'UTC'), text: charts.enText };
      const axis = (from: string, days: number) => {
        const start = Date.parse(from);
        const points = Array.from({ length: 40 }, (_, i) => ({
          x: start + (i / 39) * days * 86_400_000,
          y: 1 + i * 1000,
          label: `v${i}`,
        }));
        const svg = charts.scatterPlot(points, {
          width: 600,
          height: 300,
          label: 'scatter',
          xLabel: 'published',
          yLabel: 'views',
          xTime: true,
          yScale: 'log',
          locale,
        });
        document.body.append(svg);
        const texts = [...svg.querySelectorAll<SVGTextElement>('.tl-axis-x .tick text')];
        const boxes = texts.map((t) => t.getBoundingClientRect());
        const overlaps = boxes.some((b, i) => i > 0 && b.left < boxes[i - 1]!.right);
        return { labels: texts.map((t) => t.textContent), overlaps };
      };
      return { twoWeeks: axis('2017-11-10T00:00:00Z', 14), decade: axis('2008-06-17T00:00:00Z', 3500) };
    });
    expect(axes.twoWeeks.overlaps).toBe(false);
    expect(new Set(axes.twoWeeks.labels).size).toBe(axes.twoWeeks.labels.length);
    expect(axes.twoWeeks.labels.every((l) => /^Nov \d+$/.test(l!))).toBe(true);
    expect(axes.decade.overlaps).toBe(false);
    expect(axes.decade.labels.every((l) => /^20\d\d$/.test(l!))).toBe(true);
  });

  it('timeSeries by month gives one month of data a month axis, and a y label; charts speak Japanese', async () => {
    const chart = await page.evaluate(() => {
      const locale = { format: charts.createFormatters('ja', 'UTC'), text: charts.jaText };
      const svg = charts.timeSeries([{ date: new Date('2020-08-01T00:00:00Z'), value: 1_234_567 }], {
        width: 500,
        height: 200,
        label: 'months',
        interval: 'month',
        yLabel: '視聴回数',
        locale,
      });
      const scatter = charts.scatterPlot(
        [
          { x: 1, y: 10, label: 'a' },
          { x: 0, y: 20, label: 'b' },
        ],
        { width: 400, height: 200, label: 'ラベル', xLabel: '動画数', yLabel: '視聴回数', locale },
      );
      return {
        ticks: [...svg.querySelectorAll('.tl-axis-x .tick text')].map((t) => t.textContent),
        yLabel: svg.querySelector('.tl-axis-label')?.textContent,
        yTicks: [...svg.querySelectorAll('.tl-axis-y .tick text')].map((t) => t.textContent).at(-1),
        axisLabels: [...scatter.querySelectorAll('.tl-axis-label')].map((t) => t.textContent),
        name: scatter.getAttribute('aria-label'),
      };
    });
    expect(chart.ticks).toEqual(['2020年8月']);
    expect(chart.yLabel).toBe('視聴回数');
    expect(chart.yTicks).toMatch(/万$/);
    expect(chart.axisLabels).toEqual(['動画数（対数目盛）', '視聴回数（対数目盛）']);
    expect(chart.name).toBe('ラベル（0 は対数目盛に置けないため 1 件を省略）');
  });
});
