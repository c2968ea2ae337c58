import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContextOptions } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveSite } from '../../local/site/serveSite.ts';
import * as ja from '../../site/src/i18n/ja.ts';
import { cjkFontSkipReason, launchBrowser } from '../support/browser.ts';
import { buildSite, TEST_EXPLORER_URL } from './support/buildSite.ts';
import { type PublishedData, publishedData } from './support/publishedData.ts';
import { publishTrendingFixture } from './support/publishTrendingFixture.ts';
import { saveScreenshot } from './support/screenshots.ts';

// The site for a Japanese reader, on the real 2020 Japan trending titles loaded with the real
// loader and published by the real refresh, in headless Chromium with a Japanese browser.
let work: string;
let base: string;
let data: PublishedData;
let browser: Browser;
let close: () => Promise<void>;
const fontSkip = cjkFontSkipReason();

const JAPANESE: BrowserContextOptions = { locale: 'ja-JP', timezoneId: 'Asia/Tokyo' };

async function open(relative: string, options: BrowserContextOptions = JAPANESE) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  await page.goto(base + relative);
  await page.waitForSelector('body[data-ready]');
  return { page, problems, context };
}

/** The channel with the most videos in the Japanese data, for the channel page. */
function busiestChannel() {
  return [...data.report('channelIndex').channels].sort((a, b) => b.videos - a.videos)[0]!;
}

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'tubelens-site-ja-'));
  const [siteDir] = await Promise.all([
    buildSite(),
    publishTrendingFixture('kaggle_rsrishav_JP_2020-08_titles.csv', path.join(work, 'published')),
  ]);
  data = publishedData(path.join(work, 'published'));
  const served = await serveSite({ siteDir, dataDir: data.root, basePath: '/reports/' });
  base = served.url;
  close = served.close;
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await close?.();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('the site in Japanese', () => {
  it('sends a Japanese browser to the Japanese pages, and the switch to English sticks', async () => {
    const { page, context } = await open('channels.html?q=abc');
    expect(new URL(page.url()).pathname).toBe('/reports/channels.ja.html');
    expect(new URL(page.url()).search).toBe('?q=abc');
    expect(await page.getAttribute('html', 'lang')).toBe('ja');
    await page.click('a[data-role="language-switch"][hreflang="en"]');
    await page.waitForSelector('body[data-lang="en"][data-ready]');
    expect(new URL(page.url()).searchParams.get('lang')).toBe('en');
    expect(new URL(page.url()).searchParams.get('q')).toBe('abc');
    // The choice holds for other pages of this reader.
    const again = await context.newPage();
    await again.goto(`${base}index.html`);
    await again.waitForSelector('body[data-ready]');
    expect(new URL(again.url()).pathname).toBe('/reports/index.html');
    // A link to the Japanese page opens in Japanese for an English browser too.
    const english = await open('index.ja.html', { locale: 'en-US' });
    expect(await english.page.getAttribute('html', 'lang')).toBe('ja');
    await english.context.close();
    await context.close();
  });

  it('writes every heading, label, figure and date the Japanese way', async () => {
    const { page, problems, context } = await open('index.ja.html');
    expect(await page.locator('h1').textContent()).toBe(ja.pages.overview.title);
    expect(await page.locator('.site-nav a').allTextContents()).toEqual([
      ja.pages.nav.overview,
      ja.pages.nav.channels,
      ja.pages.nav.about,
      ja.pages.nav.explorer,
    ]);
    const totals = data.report('overview').totals;
    expect(totals.views).toBeGreaterThan(10_000);
    expect(await page.locator('[data-kpi="views"]').textContent()).toMatch(/^[\d.]+(万|億)$/);
    expect(await page.locator('[data-role="as-of"]').textContent()).toMatch(
      /^2020年8月\d+日 時点のデータ · 更新 /,
    );
    expect(await page.locator('[data-chart="topChannels"] caption').textContent()).toMatch(
      /^視聴回数の多いチャンネル上位 \d+$/,
    );
    expect(await page.locator('[data-chart="topChannels"] summary').textContent()).toBe(ja.pages.showTable);
    expect(await page.locator('[data-table="topVideos"] th').allTextContents()).toEqual([
      '動画',
      'チャンネル',
      '公開日',
      '視聴回数',
      '高評価',
      'コメント',
    ]);
    expect(await page.locator('[data-table="topVideos"] td.nowrap').first().textContent()).toMatch(
      /^2020年\d+月\d+日$/,
    );
    // One month of data: a month on the axis, "1 か月", not one dot on an axis of days.
    expect(await page.locator('[data-chart="monthlyViews"] .tl-axis-x .tick text').allTextContents()).toEqual(
      ['2020年8月'],
    );
    expect(
      await page.locator('[data-chart="monthlyUploads"] [data-role="subtitle"]').textContent(),
    ).toContain('1 か月');
    // biome-ignore lint/performance/useDomNodeTextContent: the rendered text, hidden elements left out
    expect(await page.locator('main').innerText()).not.toMatch(/\b(Loading|Show the data|videos|views)\b/);
    expect(problems).toEqual([]);
    await saveScreenshot(page, 'ja-overview');
    await saveScreenshot(page, 'ja-overview-screen', { fullPage: false });
    await context.close();
  });

  it('draws the heatmap in the reader’s zone and says which, in the chart and its table', async () => {
    const { page, context } = await open('index.ja.html');
    const zone = page.locator('select[data-role="time-zone"]');
    expect(await zone.inputValue()).toBe('Asia/Tokyo');
    const caption = await page.locator('[data-chart="publishHeatmap"] [data-role="subtitle"]').textContent();
    expect(caption).toContain('(UTC+9)');
    expect(caption).not.toMatch(/暗い|darker/);
    const utc = data.report('publishHeatmap').cells;
    const sundayThreePmUtc = utc.find((c) => c.weekday === 7 && c.hour === 15)!;
    // Monday 00:00 in Tokyo is Sunday 15:00 UTC: the table's first row.
    const first = await page
      .locator('[data-chart="publishHeatmap"] tbody tr')
      .first()
      .locator('td')
      .allTextContents();
    expect(first.slice(0, 3)).toEqual(['月曜日', '00:00', String(sundayThreePmUtc.uploads)]);
    await zone.selectOption('UTC');
    await page.waitForSelector('body[data-ready]');
    await page.waitForFunction(
      () =>
        document.querySelector('select[data-role="time-zone"]') instanceof HTMLSelectElement &&
        (document.querySelector('select[data-role="time-zone"]') as HTMLSelectElement).value === 'UTC',
    );
    const mondayUtc = utc.find((c) => c.weekday === 1 && c.hour === 0)!;
    const firstUtc = await page
      .locator('[data-chart="publishHeatmap"] tbody tr')
      .first()
      .locator('td')
      .allTextContents();
    expect(firstUtc.slice(0, 3)).toEqual(['月曜日', '00:00', String(mondayUtc.uploads)]);
    await context.close();
  });

  it('keeps every title of a channel page inside its card, and links it to the explorer', async () => {
    const channel = busiestChannel();
    const { page, context } = await open(`channel.ja.html?id=${encodeURIComponent(channel.channelId)}`);
    expect(await page.locator('h1').textContent()).toBe(channel.title);
    const offLeft = await page.evaluate(() => {
      const svg = document.querySelector('[data-chart="viewsPerDay"] svg')!;
      const left = svg.getBoundingClientRect().left;
      return [...svg.querySelectorAll('.tl-bar-label text')].filter(
        (t) => t.getBoundingClientRect().left < left - 0.5,
      ).length;
    });
    expect(offLeft).toBe(0);
    const link = new URL((await page.locator('[data-role="open-in-explorer"]').getAttribute('href'))!);
    expect(link.origin + link.pathname).toBe(TEST_EXPLORER_URL);
    expect(link.searchParams.get('ch')).toBe(channel.channelId);
    expect(link.searchParams.get('lang')).toBe('ja');
    expect(await page.locator('[data-role="explorer-link"]').getAttribute('href')).toBe(
      `${TEST_EXPLORER_URL}?lang=ja`,
    );
    await saveScreenshot(page, 'ja-channel');
    await context.close();
  });

  it('searches channels by a word inside unspaced Japanese, after the input method is done', async () => {
    const { page, context } = await open('channels.ja.html');
    const count = page.locator('[data-role="count"]');
    const before = await count.textContent();
    const wanted = data.report('channelIndex').channels.filter((c) => c.title.includes('公式'));
    expect(wanted.length).toBeGreaterThan(0);
    // While the reading is being composed, nothing is searched; the end of composition searches.
    await page.locator('[data-role="search"]').evaluate((input: HTMLInputElement) => {
      input.dispatchEvent(new CompositionEvent('compositionstart'));
      input.value = 'こうしき';
      input.dispatchEvent(new InputEvent('input', { isComposing: true, data: 'こうしき' }));
    });
    expect(await count.textContent()).toBe(before);
    await page.locator('[data-role="search"]').evaluate((input: HTMLInputElement) => {
      input.value = '公式';
      input.dispatchEvent(new InputEvent('input', { isComposing: true, data: '公式' }));
      input.dispatchEvent(new CompositionEvent('compositionend', { data: '公式' }));
    });
    await page.waitForFunction(
      (n) => document.querySelectorAll('[data-table="channelIndex"] tbody tr').length === n,
      wanted.length,
    );
    expect(await count.textContent()).toBe(
      `一致する ${wanted.length} チャンネル中 ${wanted.length} 件を表示`,
    );
    // The search and the sort are in the address, so the link reopens the same list.
    await page.click('[data-table="channelIndex"] th:nth-child(3) button');
    expect(new URL(page.url()).searchParams.get('q')).toBe('公式');
    expect(new URL(page.url()).searchParams.get('sort')).toBe('videos.desc');
    await page.reload();
    await page.waitForSelector('body[data-ready]');
    expect(await page.locator('[data-role="search"]').inputValue()).toBe('公式');
    expect(await page.locator('th[aria-sort="descending"]').textContent()).toBe('動画数');
    await context.close();
  });

  it('fits a phone: no sideways page scroll; wide tables scroll in their card', async () => {
    const { page, context } = await open('channels.ja.html', {
      ...JAPANESE,
      viewport: { width: 390, height: 844 },
    });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await saveScreenshot(page, 'ja-channels-phone');
    await context.close();
  });

  it.skipIf(fontSkip)(`draws Japanese titles with a CJK font, not empty boxes ${fontSkip}`, async () => {
    const { page, context } = await open('index.ja.html');
    // The first title in kana or kanji, marked for the query below.
    const title = await page.evaluate(() => {
      const cell = [...document.querySelectorAll('[data-table="topVideos"] tbody td.title')].find((td) =>
        /[\u3040-\u30ff\u4e00-\u9fff]/.test(td.textContent ?? ''),
      );
      cell?.setAttribute('data-glyph-test', '');
      return cell?.textContent;
    });
    expect(title).toBeTruthy();
    // Chromium says which installed fonts drew the node's glyphs.
    const cdp = await context.newCDPSession(page);
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
    const { nodeId } = await cdp.send('DOM.querySelector', {
      nodeId: root.nodeId,
      selector: '[data-glyph-test]',
    });
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
    const cjk = fonts.filter((f) => /CJK|Hiragino|Yu Gothic|Meiryo|Noto Sans JP/i.test(f.familyName));
    expect(cjk.length, JSON.stringify(fonts)).toBeGreaterThan(0);
    expect(cjk.reduce((n, f) => n + f.glyphCount, 0)).toBeGreaterThan(0);
    await context.close();
  });
});
