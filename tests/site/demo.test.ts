import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveSite } from '../../local/site/serveSite.ts';
import { launchBrowser } from '../support/browser.ts';
import { buildSite } from './support/buildSite.ts';
import { publishDemo } from './support/publishDemo.ts';
import { type PublishedData, publishedData } from './support/publishedData.ts';
import { saveScreenshot } from './support/screenshots.ts';

// The 2017 US trending demo set, loaded and refreshed for real: no video has a duration, channel
// ids are derived from titles, and the monthly history reaches back years.
let work: string;
let data: PublishedData;
let browser: Browser;
let served: { url: string; close(): Promise<void> };

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'tubelens-site-demo-'));
  const [siteDir] = await Promise.all([buildSite(), publishDemo(path.join(work, 'published'))]);
  data = publishedData(path.join(work, 'published'));
  served = await serveSite({ siteDir, dataDir: data.root, basePath: '/demo/' });
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await served?.close();
  await browser?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('the site on the 2017 demo data', () => {
  it('says durations are not known instead of drawing an empty chart, and draws everything else', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${served.url}index.html`);
    await page.waitForSelector('body[data-ready]');
    const durations = data.report('durations');
    expect(durations.state).toBe('unknown');
    const card = page.locator('[data-chart="durations"]');
    expect(await card.getAttribute('data-state')).toBe('unknown');
    expect(await card.locator('svg').count()).toBe(0);
    await expect(card.locator('[data-role="notice"]').textContent()).resolves.toContain(
      `None of the ${data.report('overview').totals.videos} videos has a known length`,
    );
    expect(await page.locator('[data-chart="topChannels"] svg .tl-mark').count()).toBe(
      data.report('overview').topChannels.length,
    );
    expect(await page.locator('[data-chart="publishHeatmap"] svg .tl-mark').count()).toBe(168);
    const months = data.report('monthly').months;
    expect(months.length).toBeGreaterThan(24);
    expect(await page.locator('[data-chart="monthlyUploads"] svg .tl-mark').count()).toBe(24);
    await expect(
      page.locator('[data-chart="monthlyUploads"] [data-role="subtitle"]').textContent(),
    ).resolves.toMatch(/videos published from .* are not shown\./);
    await expect(page.locator('[data-role="as-of"]').textContent()).resolves.toMatch(
      /^Data as of Nov 28, 2017/,
    );
    await saveScreenshot(page, 'demo-overview');
    await page.close();
  });

  it('opens a channel with a derived id from the index, and plots its videos against age', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${served.url}channels.html`);
    await page.waitForSelector('body[data-ready]');
    const top = data.report('channelIndex').channels.find((c) => c.videos > 2)!;
    await page.locator('input[type="search"]').fill(top.title);
    await page.getByRole('link', { name: top.title, exact: true }).first().click();
    await page.waitForSelector('body[data-ready]');
    expect(new URL(page.url()).searchParams.get('id')).toBe(top.channelId);
    const report = data.channel(top.channelId);
    expect(await page.locator('h1').textContent()).toBe(top.title);
    expect(await page.locator('[data-chart="videoScatter"] svg .tl-mark').count()).toBe(report.videos.length);
    await expect(
      page.locator('[data-chart="videoScatter"] .tl-axis-label').first().textContent(),
    ).resolves.toBe('days since publication (log scale)');
    expect(await page.locator('[data-chart="viewsOverTime"] svg .tl-mark').count()).toBe(
      report.viewsOverTime.length,
    );
    await saveScreenshot(page, 'demo-channel');
    await page.close();
  });
});
