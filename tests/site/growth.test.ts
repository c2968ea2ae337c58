import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveSite } from '../../local/site/serveSite.ts';
import { launchBrowser } from '../support/browser.ts';
import { buildSite } from './support/buildSite.ts';
import { publishTracker } from './support/publishTracker.ts';

// The growth sections of the overview and the channel page, on the tracker fixtures (60 days of
// daily channel snapshots, uploads snapshotted from publication) published by the real refresh.
let siteDir: string;
let work: string;
let base: string;
let browser: Browser;
let close: () => Promise<void>;

const A = 'UCaaaaaaaaaaaaaaaaaaaaaa';
const B = 'UCbbbbbbbbbbbbbbbbbbbbbb';
const C = 'UCcccccccccccccccccccccc';

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'tubelens-site-growth-'));
  [siteDir] = await Promise.all([buildSite(), publishTracker(path.join(work, 'published'))]);
  const served = await serveSite({ siteDir, dataDir: path.join(work, 'published'), basePath: '/reports/' });
  base = served.url;
  close = served.close;
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await close?.();
  await browser?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

async function open(relative: string) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  await page.goto(base + relative);
  await page.waitForSelector('body[data-ready]');
  return { page, problems };
}

const text = (page: Page, selector: string) => page.locator(selector).first().textContent();
const cells = (page: Page, table: string, column: number) =>
  page.locator(`[data-table="${table}"] tbody tr td:nth-child(${column})`).allTextContents();

describe('channel page growth', () => {
  it('draws subscribers as steps, views and uploads, one mark per daily snapshot', async () => {
    const { page, problems } = await open(`channel.html?id=${A}`);
    for (const chart of ['growthSubscribers', 'growthViews', 'growthUploads']) {
      expect(await page.locator(`[data-chart="${chart}"] svg .tl-mark`).count(), chart).toBe(60);
    }
    // A step line: after the first point, only level (H) and upright (V) moves, never a slope.
    const d = (await page.locator('[data-chart="growthSubscribers"] .tl-line').getAttribute('d')) ?? '';
    expect(d).toMatch(/^M[\d.]+,[\d.]+(H[\d.]+V[\d.]+)+$/);
    expect(d.match(/H/g)).toHaveLength(59);
    expect(await text(page, '[data-role="growth-step"]')).toBe(
      'At this size the published count moves in steps of 1,000.',
    );
    expect(await page.locator('main').textContent()).toContain(
      'rounds subscriber counts down to 3 significant figures',
    );
    expect(problems).toEqual([]);
    await page.close();
  });

  it('gives 1, 7 and 28-day gains with the rounding, and the next milestone with its range', async () => {
    const { page } = await open(`channel.html?id=${A}`);
    expect(await cells(page, 'growthGains', 1)).toEqual(['Subscribers', 'Views', 'Uploads']);
    // 164,056 and 164,756 both publish as 164,000: no change is visible in one day.
    expect(await cells(page, 'growthGains', 2)).toEqual(['0 (±1,000)', '+41K', '0']);
    expect((await cells(page, 'growthGains', 3))[0]).toBe('+5,000 (±1,000)');
    expect((await cells(page, 'growthGains', 4))[0]).toBe('+19K (±1,000)');
    expect(await text(page, '[data-table="growthGains"] [data-role="milestone"]')).toMatch(
      /^Next milestone: 200K subscribers, projected for \w{3} \d+, 2026 \(likely between .* and .*\), at \+\d{3} a day over the last 59 days\.$/,
    );
    await page.close();
  });

  it("lists the daily table newest first and shows a day without a step as '–', not +0", async () => {
    const { page } = await open(`channel.html?id=${A}`);
    const days = await cells(page, 'dailyGains', 1);
    expect(days).toHaveLength(30);
    expect(days[0]).toBe('Mar 1, 2026');
    const steps = await cells(page, 'dailyGains', 3);
    expect(steps[0]).toBe('–');
    expect(steps).toContain('+1,000');
    expect(steps).not.toContain('+0');
    expect(
      await page
        .locator('[data-table="dailyGains"] tbody tr:first-child td:nth-child(3)')
        .getAttribute('title'),
    ).toBe('no visible change');
    await page.close();
  });

  it('compares uploads at equal age: curves with a legend, scores that say their basis', async () => {
    const { page } = await open(`channel.html?id=${A}`);
    const chart = page.locator('[data-chart="ageCurves"] svg');
    expect(await chart.getAttribute('data-series')).toBe('11');
    expect(await page.locator('[data-chart="ageCurves"] .tl-series-legend g').count()).toBe(11);
    const titles = await cells(page, 'recentUploads', 1);
    expect(titles).toHaveLength(16);
    const star = titles.indexOf('Build log 13: a shed, a lathe & "more"');
    expect((await cells(page, 'recentUploads', 6))[star]).toMatch(/^\d+(\.\d)?× same-age median at 23 days$/);
    expect((await cells(page, 'recentUploads', 7))[star]).toBe('ranks 1 of the last 11 uploads');
    // The breakout list keeps the lifetime basis and names the same-age score beside it.
    expect(await page.locator('[data-table="breakouts"] th').allTextContents()).toContain(
      '× lifetime median',
    );
    await page.close();
  });

  it('falls back to the lifetime median where snapshots start late, and says a count is hidden', async () => {
    const bento = await open(`channel.html?id=${B}`);
    const scores = await cells(bento.page, 'recentUploads', 6);
    expect(scores.length).toBe(6);
    for (const s of scores) expect(s).toMatch(/× lifetime median$/);
    expect(await text(bento.page, '[data-chart="ageCurves"] [data-role="notice"]')).toContain(
      'None of the newest uploads has snapshots from its publication on',
    );
    await bento.page.close();
    const cello = await open(`channel.html?id=${C}`);
    expect(await text(cello.page, '[data-chart="growthSubscribers"] [data-role="notice"]')).toBe(
      'This channel hides its subscriber count.',
    );
    expect(await cello.page.locator('[data-chart="growthViews"] svg .tl-mark').count()).toBe(60);
    await cello.page.close();
  });
});

describe('growth in Japanese', () => {
  it('labels the growth section, the milestone and the scores in Japanese', async () => {
    const { page, problems } = await open(`channel.ja.html?id=${A}`);
    expect(await cells(page, 'growthGains', 1)).toEqual(['登録者数', '視聴回数', '動画数']);
    expect(await text(page, '[data-table="growthGains"] [data-role="milestone"]')).toMatch(
      /^次のマイルストーン：登録者 20万/,
    );
    const scores = await cells(page, 'recentUploads', 6);
    expect(scores.some((s) => s.startsWith('同じ経過日数'))).toBe(true);
    expect(await text(page, '#growth-title')).toBe('成長');
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe('overview growth', () => {
  it('draws the daily gains summed over channels, switches metric, and names the fastest growers', async () => {
    const { page, problems } = await open('index.html');
    const card = '[data-chart="growthDaily"]';
    expect(await page.locator(`${card} svg .tl-mark`).count()).toBe(59);
    expect(await page.locator(`${card} svg`).getAttribute('aria-label')).toBe(
      'Views gained per day, all channels',
    );
    await page.locator(`${card} input[value="subscribers"]`).check();
    await expect
      .poll(() => page.locator(`${card} svg`).getAttribute('aria-label'))
      .toBe('Subscribers gained per day, all channels');
    expect(await page.locator(`${card} svg .tl-mark`).count()).toBe(59);
    expect(await cells(page, 'growthGainsAll', 1)).toEqual(['Subscribers', 'Views', 'Uploads', 'Channels']);
    const top = page.locator('[data-table="growthTop"] table').first();
    expect(await top.locator('caption').textContent()).toBe('Most subscribers gained in 28 days');
    expect(await top.locator('tbody tr:first-child a').getAttribute('href')).toBe(`./channel.html?id=${A}`);
    expect(problems).toEqual([]);
    await page.close();
  });
});
