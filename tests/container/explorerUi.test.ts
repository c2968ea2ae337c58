import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as ja from '../../site/src/i18n/ja.ts';
import { containsAllTerms, foldForSearch, searchTerms } from '../../site/src/text/foldForSearch.ts';
import { saveScreenshot } from '../site/support/screenshots.ts';
import { launchBrowser } from '../support/browser.ts';
import { startFixtureExplorer } from './support/fixtureServer.ts';
import { startTrendingExplorer } from './support/trendingExplorer.ts';

const JP = 'kaggle_rsrishav_JP_2020-08_titles.csv';
const SITE = 'https://reports.example.test/tubelens/';
const JAPANESE: BrowserContextOptions = { locale: 'ja-JP', timezoneId: 'Asia/Tokyo' };
const PHONE = { width: 390, height: 844 };

let browser: Browser;
let japan: Awaited<ReturnType<typeof startTrendingExplorer>>;
let fixture: Awaited<ReturnType<typeof startFixtureExplorer>>;

/** Distinct videos of the Japanese fixture whose title holds every word of `query`. */
async function titlesContaining(query: string): Promise<number> {
  const rows = parse(await readFile(new URL(`../fixtures/trending/${JP}`, import.meta.url)), {
    columns: true,
  }) as { video_id: string; title: string }[];
  const titles = new Map(rows.map((r) => [r.video_id, r.title]));
  return [...titles.values()].filter((t) => containsAllTerms(foldForSearch(t), searchTerms(query))).length;
}

async function open(url: string, options: BrowserContextOptions = JAPANESE) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  await page.goto(url);
  await page.waitForFunction(() => /\d/.test(document.querySelector('#page-info')?.textContent ?? ''));
  return { page, problems, context };
}

const pageInfo = (page: Page) => page.locator('#page-info').textContent();
const selected = (n: number) => `${ja.explorer.videos(n, n.toLocaleString('ja'))}を選択`;
const waitForSelected = (page: Page, n: number) =>
  page.waitForFunction(
    (prefix) => document.querySelector('#page-info')?.textContent?.startsWith(prefix),
    selected(n),
  );

beforeAll(async () => {
  [japan, fixture, browser] = await Promise.all([
    startTrendingExplorer(JP, { EXPLORER_SITE_URL: SITE }),
    startFixtureExplorer('embedded'),
    launchBrowser(),
  ]);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all([japan?.close(), fixture?.close()]);
});

describe('the explorer for a Japanese reader, on the 2020 Japan trending titles', () => {
  it('speaks Japanese, shows dates in the reader’s zone, and keeps the zone in the link', async () => {
    const { page, problems, context } = await open(japan.url);
    expect(await page.getAttribute('html', 'lang')).toBe('ja');
    expect(await page.locator('h1').textContent()).toBe(ja.explorer.title);
    expect(await page.locator('#selection th').allTextContents()).toEqual(Object.values(ja.explorer.columns));
    expect(await pageInfo(page)).toMatch(/^\d+ 本の動画を選択 · \d+ ページ中 1 ページ目$/);
    expect(await page.locator('#time-zone').inputValue()).toBe('Asia/Tokyo');
    expect(await page.locator('#zone-note').textContent()).toContain('(UTC+9)');
    expect(new URL(page.url()).searchParams.get('tz')).toBe('Asia/Tokyo');
    const days = await page.locator('#selection tbody td:nth-child(3)').allTextContents();
    expect(days.every((d) => /^20\d\d年\d{1,2}月\d{1,2}日$/.test(d))).toBe(true);
    expect(await page.locator('#site-link').getAttribute('href')).toBe(`${SITE}index.ja.html`);
    expect(await page.locator('.actions a[hreflang="en"]').textContent()).toBe('English');
    expect(problems).toEqual([]);
    await saveScreenshot(page, 'ja-explorer');
    // Three channels found by a word inside their names (half-width and capitals too) and compared.
    for (const [query, name] of [
      ['オンエア', '東海オンエア'],
      ['ﾌｨｯｼｬｰｽﾞ', 'フィッシャーズ'],
      ['HIKAKIN', 'HikakinTV'],
    ] as const) {
      const before = await pageInfo(page);
      await page.fill('#channel-search', query);
      await page.locator('#channel-results button', { hasText: name }).first().click();
      await page.waitForFunction(
        (text) => document.querySelector('#page-info')?.textContent !== text,
        before,
      );
    }
    expect(await page.locator('#compare svg .tl-mark').count()).toBe(3);
    await saveScreenshot(page, 'ja-explorer-screen', { fullPage: false });
    await context.close();
  });

  it('finds a word inside unspaced titles once the input method has finished', async () => {
    const { page, context } = await open(japan.url);
    const before = await pageInfo(page);
    const title = page.locator('#filters input[name="title"]');
    await title.evaluate((input: HTMLInputElement) => {
      input.dispatchEvent(new CompositionEvent('compositionstart'));
      input.value = 'げーむ';
      input.dispatchEvent(new InputEvent('input', { isComposing: true, data: 'げーむ' }));
    });
    await page.waitForTimeout(600);
    expect(await pageInfo(page)).toBe(before);
    await title.evaluate((input: HTMLInputElement) => {
      input.value = 'ゲーム';
      input.dispatchEvent(new CompositionEvent('compositionend', { data: 'ゲーム' }));
    });
    const want = await titlesContaining('ゲーム');
    expect(want).toBeGreaterThan(0);
    await waitForSelected(page, want);
    const titles = await page.locator('#selection td.title button').allTextContents();
    expect(titles.every((t) => t.includes('ゲーム'))).toBe(true);
    // The width-insensitive form of the same word, typed without an input method.
    await title.fill('ｹﾞｰﾑ');
    await waitForSelected(page, want);
    await context.close();
  });

  it('applies the minutes as they are typed, and explains why data without lengths leaves nothing', async () => {
    const { page, context } = await open(japan.url);
    await page.locator('#filters input[name="minDuration"]').pressSequentially('1');
    await waitForSelected(page, 0);
    expect(await page.locator('#empty-text').textContent()).toContain('再生時間がわからない');
    await page.click('#remove-length');
    await page.waitForFunction(() => !/^0 /.test(document.querySelector('#page-info')?.textContent ?? '0 '));
    expect(await page.locator('#empty-note').isHidden()).toBe(true);
    await context.close();
  });

  it('fits a phone: no sideways page scroll, the table scrolls in its box, short lists, clean time axis', async () => {
    const { page, context } = await open(japan.url, {
      ...JAPANESE,
      viewport: PHONE,
      isMobile: true,
      hasTouch: true,
    });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    const wrap = await page.locator('.table-wrap').evaluate((el) => [el.scrollWidth, el.clientWidth]);
    expect(wrap[0]).toBeGreaterThan(wrap[1]!);
    expect((await page.locator('#channel-results').boundingBox())!.height).toBeLessThan(PHONE.height / 3);
    // The filters start folded on a phone, so the first screen reaches the comparison.
    expect(await page.locator('#filter-box').getAttribute('open')).toBeNull();
    expect((await page.locator('#compare-heading').boundingBox())!.y).toBeLessThan(PHONE.height);
    const ticks = await page
      .locator('#scatter .tl-axis-x .tick text')
      .evaluateAll((texts) =>
        texts.map((t) => ({ text: t.textContent, box: t.getBoundingClientRect().toJSON() as DOMRect })),
      );
    expect(new Set(ticks.map((t) => t.text)).size).toBe(ticks.length);
    for (let i = 1; i < ticks.length; i += 1)
      expect(ticks[i]!.box.left).toBeGreaterThanOrEqual(ticks[i - 1]!.box.right);
    await saveScreenshot(page, 'ja-explorer-phone');
    await saveScreenshot(page, 'ja-explorer-phone-screen', { fullPage: false });
    // Opening a video from the table brings its panel into view, with a labelled y axis.
    await page.locator('#selection td.title button').first().click();
    await page.waitForSelector('#video-panel:not([hidden])');
    await page.waitForFunction(() => {
      const box = document.querySelector('#video-panel')!.getBoundingClientRect();
      return box.top >= 0 && box.top < innerHeight;
    });
    const chart = page.locator('#video-chart svg');
    if (await chart.count())
      expect(await chart.locator('.tl-axis-label').textContent()).toBe(ja.explorer.viewsPerDay);
    await context.close();
  });

  it('is dark in a dark browser', async () => {
    const { page, context } = await open(japan.url, { ...JAPANESE, colorScheme: 'dark' });
    const [body, table] = await page.evaluate(() => [
      getComputedStyle(document.body).backgroundColor,
      getComputedStyle(document.querySelector('.table-wrap')!).backgroundColor,
    ]);
    const light = (rgb: string) =>
      (rgb.match(/\d+/g) ?? []).slice(0, 3).reduce((s, v) => s + Number(v), 0) / 3;
    expect(light(body!)).toBeLessThan(60);
    expect(light(table!)).toBeLessThan(60);
    await saveScreenshot(page, 'ja-explorer-dark');
    await context.close();
  });
});

describe('an edited link to the explorer', () => {
  it('is corrected out loud: each part it could not use is named, and the rest is kept', async () => {
    const link = '?page=999&sort=foo.asc&from=2017-13-45&brush=garbage&dmin=-5&ch=doesnotexist&q=pasta';
    const { page, context } = await open(fixture.url + link, { locale: 'en-US', timezoneId: 'UTC' });
    await page.waitForFunction(() => document.querySelectorAll('#correction-list li').length === 6);
    const said = await page.locator('#correction-list li').allTextContents();
    expect(said).toEqual([
      '"2017-13-45" is not a date; the start date was left out.',
      '"-5" is not a length in seconds; the shortest length was left out.',
      '"garbage" is not a region of the chart; the selection was cleared.',
      '"foo.asc" is not a column to sort by; sorted by views instead.',
      'there is no channel "doesnotexist"; it was left out.',
      'page 1000 does not exist; showing page 2, the last.',
    ]);
    await page.waitForFunction(
      () => document.querySelector('#page-info')?.textContent === '30 videos selected · page 2 of 2',
    );
    const params = new URL(page.url()).searchParams;
    expect([...params.keys()].sort()).toEqual(['page', 'q']);
    expect(params.get('page')).toBe('1');
    expect(await page.locator('#selected-channels li').count()).toBe(0);
    await page.click('#dismiss-corrections');
    expect(await page.locator('#corrections').isHidden()).toBe(true);
    await context.close();
  });
});
