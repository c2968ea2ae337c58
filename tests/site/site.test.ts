import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveSite } from '../../local/site/serveSite.ts';
import { launchBrowser } from '../support/browser.ts';
import { buildSite } from './support/buildSite.ts';
import { type PublishedData, publishedData } from './support/publishedData.ts';
import { publishFixture } from './support/publishFixture.ts';
import { saveScreenshot } from './support/screenshots.ts';
import {
  BREAKOUT_CHANNEL,
  LAGGING_CHANNEL,
  XSS_CHANNEL,
  XSS_CHANNEL_TITLE,
  XSS_TITLE,
} from './support/seedFixture.ts';

// The built site and the data a real refresh published from the fixture database, served at a
// sub-path as a static host would, driven by headless Chromium.
let siteDir: string;
let work: string;
let data: PublishedData;
let browser: Browser;
const servers: { close(): Promise<void> }[] = [];

async function serve(dataDir: string, basePath = '/reports/tubelens/') {
  const served = await serveSite({ siteDir, dataDir, basePath });
  servers.push(served);
  return served.url;
}

/** Opens `path` and waits until the page says it has finished (charts drawn or messages shown). */
async function open(base: string, relative: string, options: { width?: number; dark?: boolean } = {}) {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1280, height: 900 },
    colorScheme: options.dark ? 'dark' : 'light',
  });
  const page = await context.newPage();
  const problems: string[] = [];
  const dialogs: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('dialog', async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  await page.goto(base + relative);
  await page.waitForSelector('body[data-ready]');
  return { page, problems, dialogs, close: () => context.close() };
}

const marks = (page: Page, chart: string) => page.locator(`[data-chart="${chart}"] svg .tl-mark`).count();
const tableRows = (page: Page, chart: string) =>
  page.locator(`[data-chart="${chart}"] [data-role="table"] tbody tr`).count();
const column = (page: Page, scope: string, index: number) =>
  page.locator(`${scope} tbody tr td:nth-child(${index + 1})`).allTextContents();

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'tubelens-site-'));
  [siteDir] = await Promise.all([buildSite(), publishFixture(path.join(work, 'published'))]);
  data = publishedData(path.join(work, 'published'));
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  await browser?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('the built site', () => {
  it('names only relative .html pages and files, and ships no inline script or style', async () => {
    const pages = (await readdir(siteDir)).filter((f) => f.endsWith('.html')).sort();
    expect(pages).toEqual([
      'about.html',
      'about.ja.html',
      'channel.html',
      'channel.ja.html',
      'channels.html',
      'channels.ja.html',
      'index.html',
      'index.ja.html',
    ]);
    for (const file of pages) {
      const html = await readFile(path.join(siteDir, file), 'utf8');
      expect(html).toContain(
        `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self'`,
      );
      for (const tag of html.match(/<script\b[^>]*>/g) ?? [])
        expect(tag).toMatch(/ src="\.\/_astro\/[^"]+\.js"/);
      expect(html).not.toMatch(/<style\b/);
      expect(html).not.toMatch(/\sstyle="/);
      expect(html).not.toMatch(/(?:href|src)="\/(?!\/)/); // nothing rooted at the host's "/"
    }
  });
});

describe('overview page', () => {
  it('draws one mark per data point in every chart, and tables that match', async () => {
    const base = await serve(data.root);
    const { page, problems, close } = await open(base, 'index.html');
    const overview = data.report('overview');
    const monthly = data.report('monthly');
    const categories = data.report('categories');
    const heat = data.report('publishHeatmap');
    const durations = data.report('durations');
    const engagement = data.report('engagement');

    expect(await marks(page, 'topChannels')).toBe(overview.topChannels.length);
    expect(await column(page, '[data-chart="topChannels"]', 0)).toEqual(
      overview.topChannels.map((c) => c.title),
    );
    expect(await column(page, '[data-chart="topChannels"]', 1)).toEqual(
      overview.topChannels.map((c) => c.views.toLocaleString('en-US')),
    );
    const shownMonths = monthly.months.slice(-24);
    expect(await marks(page, 'monthlyUploads')).toBe(shownMonths.length);
    expect(await tableRows(page, 'monthlyUploads')).toBe(shownMonths.length);
    expect(await marks(page, 'monthlyViews')).toBe(shownMonths.length);
    expect(await marks(page, 'categories')).toBe(categories.categories.length);
    expect(await column(page, '[data-chart="categories"]', 0)).toEqual(
      categories.categories.map((c) => c.title),
    );
    expect(await marks(page, 'publishHeatmap')).toBe(heat.cells.length);
    expect(await tableRows(page, 'publishHeatmap')).toBe(168);
    expect(durations.state).toBe('known');
    if (durations.state === 'known') {
      expect(await marks(page, 'durations')).toBe(durations.buckets.length);
      expect(await column(page, '[data-chart="durations"]', 2)).toEqual(
        durations.buckets.map((b) => b.medianViews.toLocaleString('en-US')),
      );
    }
    expect(await marks(page, 'engagementLikes')).toBe(engagement.likesPer1000.histogram.length);
    expect(await marks(page, 'engagementComments')).toBe(engagement.commentsPer1000.histogram.length);
    expect(await page.locator('[data-kpi="videos"]').getAttribute('data-value')).toBe(
      String(overview.totals.videos),
    );
    await expect(page.locator('[data-role="as-of"]').textContent()).resolves.toMatch(
      /^Data as of Mar 5, 2026/,
    );
    expect(problems).toEqual([]);
    await saveScreenshot(page, 'overview');
    await close();
  });

  it('re-draws charts at the new width when the window narrows, and in the dark theme', async () => {
    const base = await serve(data.root);
    const { page, close } = await open(base, 'index.html', { dark: true });
    const wide = Number(await page.locator('[data-chart="monthlyUploads"] svg').getAttribute('width'));
    await page.setViewportSize({ width: 420, height: 900 });
    await page.waitForFunction(
      (w) => Number(document.querySelector('[data-chart="monthlyUploads"] svg')?.getAttribute('width')) < w,
      wide,
    );
    const narrow = Number(await page.locator('[data-chart="monthlyUploads"] svg').getAttribute('width'));
    expect(narrow).toBeLessThan(360);
    expect(await marks(page, 'monthlyUploads')).toBe(data.report('monthly').months.slice(-24).length);
    const background = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    expect(background).toBe('rgb(13, 17, 23)');
    await saveScreenshot(page, 'overview-dark-narrow');
    await close();
  });

  it('opens each data table from the keyboard', async () => {
    const base = await serve(data.root);
    const { page, close } = await open(base, 'index.html');
    const summary = page.locator('[data-chart="categories"] summary');
    await summary.focus();
    await page.keyboard.press('Enter');
    await expect(page.locator('[data-chart="categories"] details').getAttribute('open')).resolves.toBe('');
    expect(await page.locator('[data-chart="categories"] table caption').textContent()).toBe(
      'Views by category',
    );
    await close();
  });
});

describe('untrusted titles', () => {
  it('shows markup in titles as text and runs none of it', async () => {
    const base = await serve(data.root);
    for (const relative of ['index.html', `channel.html?id=${XSS_CHANNEL}`, 'channels.html']) {
      const { page, dialogs, close } = await open(base, relative);
      await page.evaluate(() => {
        for (const d of document.querySelectorAll('details')) d.open = true;
      });
      const text = await page.locator('main').textContent();
      expect(text).toContain(XSS_CHANNEL_TITLE);
      if (relative !== 'channels.html') expect(text).toContain(XSS_TITLE);
      expect(await page.locator('main img, main script, main b').count()).toBe(0);
      expect(dialogs).toEqual([]);
      if (relative.startsWith('channel.html')) {
        expect(await page.title()).toBe(`${XSS_CHANNEL_TITLE} · tubelens`);
        await saveScreenshot(page, 'channel-markup-titles');
      }
      await close();
    }
  });
});

describe('channel index page', () => {
  it('lists channels by views, searches by name or handle, and sorts by any column', async () => {
    const base = await serve(data.root);
    const { page, close } = await open(base, 'channels.html');
    const index = data.report('channelIndex').channels;
    const scope = '[data-table="channelIndex"]';
    expect(await column(page, scope, 0)).toEqual(index.map((c) => c.title));
    expect(await page.locator(`${scope} th[aria-sort="descending"]`).textContent()).toBe('Views');

    await page.locator('input[type="search"]').fill('CHANNEL 12');
    expect(await column(page, scope, 0)).toEqual(['Fixture channel 12']);
    await page.locator('input[type="search"]').fill('studio break');
    expect(await column(page, scope, 0)).toEqual(['Breakout Studio']);
    await page.locator('input[type="search"]').fill('@breakout');
    expect(await column(page, scope, 0)).toEqual(['Breakout Studio']);
    await page.locator('input[type="search"]').fill('no such channel');
    expect(await page.locator(`${scope} tbody tr`).count()).toBe(0);
    expect(await page.locator('[data-role="count"]').textContent()).toContain('No channel matches');
    await page.locator('input[type="search"]').fill('');

    await page.getByRole('button', { name: 'Videos' }).click();
    const byVideos = (await column(page, scope, 2)).map((t) => Number(t.replaceAll(',', '')));
    expect(byVideos).toEqual([...byVideos].sort((a, b) => b - a));
    expect(byVideos[0]).toBe(Math.max(...index.map((c) => c.videos)));
    await page.getByRole('button', { name: 'Videos' }).click();
    const ascending = (await column(page, scope, 2)).map((t) => Number(t.replaceAll(',', '')));
    expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
    expect(await page.locator(`${scope} th[aria-sort="ascending"]`).textContent()).toBe('Videos');
    await page.getByRole('button', { name: 'Channel' }).click();
    const titles = await column(page, scope, 0);
    expect(titles).toEqual(
      [...titles].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base', numeric: true })),
    );

    const scatter = data.report('channelIndex').channels.filter((c) => c.videos > 0 && c.medianViews > 0);
    expect(await marks(page, 'channelScatter')).toBe(scatter.length);
    // The scatter's table is built when first opened (10,000 channels would cost more than the chart).
    expect(await tableRows(page, 'channelScatter')).toBe(0);
    await page.locator('[data-chart="channelScatter"] summary').click();
    await expect.poll(() => tableRows(page, 'channelScatter')).toBe(index.length);
    await saveScreenshot(page, 'channels');
    await close();
  });
});

describe('channel page', () => {
  it('reads the channel from the query and draws its history, videos, cadence and breakouts', async () => {
    const base = await serve(data.root);
    const { page, problems, close } = await open(base, `channel.html?id=${BREAKOUT_CHANNEL}`);
    const report = data.channel(BREAKOUT_CHANNEL);
    expect(await page.locator('h1').textContent()).toBe('Breakout Studio');
    expect(await marks(page, 'viewsOverTime')).toBe(report.viewsOverTime.length);
    expect(await tableRows(page, 'viewsOverTime')).toBe(report.viewsOverTime.length);
    expect(await marks(page, 'videoScatter')).toBe(report.videos.length);
    expect(await page.locator('[data-chart="videoScatter"] svg .tl-mark.tl-highlight').count()).toBe(
      report.breakouts.length,
    );
    expect(report.breakouts.length).toBe(1);
    expect(await marks(page, 'cadence')).toBe(report.cadence.byMonth.length);
    expect(await marks(page, 'viewsPerDay')).toBe(Math.min(10, report.videos.length));
    expect(await column(page, '[data-table="breakouts"]', 0)).toEqual(['The one that took off']);
    // Every video here has a length, so the scatter uses it (and says so on the axis).
    await expect(
      page.locator('[data-chart="videoScatter"] .tl-axis-label').first().textContent(),
    ).resolves.toBe('length (log scale)');
    expect(problems).toEqual([]);
    await saveScreenshot(page, 'channel');

    // The hover readout follows the pointer along the line.
    const overlay = page.locator('[data-chart="viewsOverTime"] .tl-overlay');
    // Below the growth section: bring it into the viewport before pointing at it.
    await overlay.scrollIntoViewIfNeeded();
    const box = (await overlay.boundingBox())!;
    await page.mouse.move(box.x + box.width - 2, box.y + box.height / 2);
    const readout = await page.locator('[data-chart="viewsOverTime"] .tl-tooltip').textContent();
    expect(readout).toContain('Mar 5, 2026');
    expect(readout).toContain(`${(report.viewsOverTime.at(-1)!.views / 1e6).toPrecision(3)}M views`);
    await close();
  });

  it('lists the first 20 of many breakouts and the rest on request', async () => {
    const many = path.join(work, 'many-breakouts');
    await cp(data.root, many, { recursive: true });
    const key = data.channelKey(BREAKOUT_CHANNEL);
    const report = data.channel(BREAKOUT_CHANNEL);
    const [one] = report.breakouts;
    const breakouts = Array.from({ length: 45 }, (_, i) => ({
      ...one!,
      videoId: `${one!.videoId.slice(0, 8)}${String(i).padStart(3, '0')}`,
      title: `Breakout number ${i + 1}`,
      views: one!.views - i,
    }));
    await writeFile(path.join(many, key), JSON.stringify({ ...report, breakouts }));
    await rm(path.join(many, `${key}.gz`), { force: true });
    const base = await serve(many);
    const { page, problems, close } = await open(base, `channel.html?id=${BREAKOUT_CHANNEL}`);
    const scope = '[data-table="breakouts"]';
    expect(await column(page, scope, 0)).toEqual(breakouts.slice(0, 20).map((b) => b.title));
    expect(await page.locator(`${scope} caption`).textContent()).toBe(
      '45 breakout videos, the 20 most viewed',
    );
    await page.getByRole('button', { name: 'Show all 45' }).click();
    expect(await column(page, scope, 0)).toEqual(breakouts.map((b) => b.title));
    expect(await page.locator(`${scope} caption`).textContent()).toBe('45 breakout videos');
    expect(await page.getByRole('button', { name: 'Show all 45' }).count()).toBe(0);
    expect(problems).toEqual([]);
    await close();
  });

  it("says when a channel's statistics end before the rest of the data", async () => {
    const base = await serve(data.root);
    const behind = await open(base, `channel.html?id=${LAGGING_CHANNEL}`);
    expect(data.channel(LAGGING_CHANNEL).dataAsOf).toBe('2026-03-03');
    await expect(behind.page.locator('[data-role="channel-sub"]').textContent()).resolves.toContain(
      'Its newest statistics are from Mar 3, 2026.',
    );
    await behind.close();
    const current = await open(base, `channel.html?id=${BREAKOUT_CHANNEL}`);
    await expect(current.page.locator('[data-role="channel-sub"]').textContent()).resolves.not.toContain(
      'newest',
    );
    await current.close();
  });

  it('also takes the channel from the hash, and says so plainly for an unknown channel', async () => {
    const base = await serve(data.root);
    const byHash = await open(base, `channel.html#${BREAKOUT_CHANNEL}`);
    expect(await byHash.page.locator('h1').textContent()).toBe('Breakout Studio');
    await byHash.close();
    const unknown = await open(base, 'channel.html?id=UCnobody');
    expect(await unknown.page.locator('h1').textContent()).toBe('Channel not found');
    // Said once, with a way on; the cards, figures and tables that would repeat it are hidden.
    // biome-ignore lint/performance/useDomNodeTextContent: the rendered text, hidden elements left out
    const main = (await unknown.page.locator('main').innerText()).split('UCnobody').length - 1;
    expect(main).toBe(1);
    expect(await unknown.page.locator('[data-role="channel-sub"]').textContent()).toContain('UCnobody');
    expect(await unknown.page.locator('[data-role="channel-sub"] a').getAttribute('href')).toBe(
      './channels.html',
    );
    expect(await unknown.page.locator('[data-chart]:visible, .kpis:visible').count()).toBe(0);
    expect(await unknown.page.locator('svg.tl-chart').count()).toBe(0);
    await unknown.close();
  });
});

describe('about page', () => {
  it('states where the data comes from and how fresh it is', async () => {
    const base = await serve(data.root);
    const { page, close } = await open(base, 'about.html');
    expect(await page.locator('[data-fact="dataAsOf"]').textContent()).toBe('Mar 5, 2026');
    expect(await page.locator('[data-fact="generation"]').textContent()).toBe(data.manifest.generation);
    expect(await page.locator('[data-fact="videos"]').textContent()).toBe(
      data.report('overview').totals.videos.toLocaleString('en-US'),
    );
    await saveScreenshot(page, 'about');
    await close();
  });
});

describe('missing and broken data', () => {
  it('shows a message in place of a missing or corrupt report and draws the rest', async () => {
    const broken = path.join(work, 'broken');
    await cp(data.root, broken, { recursive: true });
    const drop = data.keyOf('categories');
    await rm(path.join(broken, drop));
    await rm(path.join(broken, `${drop}.gz`));
    const corrupt = data.keyOf('engagement');
    await writeFile(path.join(broken, corrupt), '{"dataAsOf": "2026-03-05", "likesPer1000": ');
    await rm(path.join(broken, `${corrupt}.gz`));
    const wrongShape = data.keyOf('monthly');
    await writeFile(
      path.join(broken, wrongShape),
      JSON.stringify({ dataAsOf: null, months: [{ month: 'soon' }] }),
    );
    await rm(path.join(broken, `${wrongShape}.gz`));

    const base = await serve(broken);
    const { page, close } = await open(base, 'index.html');
    const notice = (chart: string) =>
      page.locator(`[data-chart="${chart}"] [data-role="notice"]`).textContent();
    await expect(notice('categories')).resolves.toContain('has not been published (HTTP 404)');
    await expect(notice('engagementLikes')).resolves.toContain('is damaged: it is not valid JSON');
    await expect(notice('monthlyUploads')).resolves.toContain(
      'does not match the expected format (months.0.month',
    );
    for (const chart of [
      'categories',
      'engagementLikes',
      'engagementComments',
      'monthlyUploads',
      'monthlyViews',
    ]) {
      expect(await page.locator(`[data-chart="${chart}"] svg`).count()).toBe(0);
    }
    expect(await marks(page, 'topChannels')).toBe(data.report('overview').topChannels.length);
    await saveScreenshot(page, 'overview-broken-reports');
    await close();
  });

  it('names the bad entry when one channel in the index does not match the contract', async () => {
    const broken = path.join(work, 'bad-index');
    await cp(data.root, broken, { recursive: true });
    const key = data.keyOf('channelIndex');
    const index = data.report('channelIndex');
    const channels = index.channels.map((c, i) => (i === 3 ? { ...c, views: -5 } : c));
    await writeFile(path.join(broken, key), JSON.stringify({ ...index, channels }));
    await rm(path.join(broken, `${key}.gz`));
    const base = await serve(broken);
    const { page, close } = await open(base, 'channels.html');
    await expect(page.locator('[data-table="channelIndex"] .notice').textContent()).resolves.toContain(
      'The channel index does not match the expected format (channels.3.views:',
    );
    expect(await page.locator('[data-chart="channelScatter"]').getAttribute('data-state')).toBe(
      'unavailable',
    );
    expect(await page.locator('svg.tl-chart').count()).toBe(0);
    await close();
  });

  it('explains that no data is published instead of showing a blank page', async () => {
    const empty = path.join(work, 'empty');
    await mkdir(empty, { recursive: true });
    const base = await serve(empty);
    for (const relative of [
      'index.html',
      'channels.html',
      `channel.html?id=${BREAKOUT_CHANNEL}`,
      'about.html',
    ]) {
      const { page, close } = await open(base, relative);
      expect(await page.locator('[data-role="banner"]').textContent()).toContain(
        'No report data is available yet',
      );
      expect(await page.locator('[data-role="as-of"]').textContent()).toBe('No data available');
      for (const card of await page.locator('[data-chart]').all()) {
        expect(await card.getAttribute('data-state')).toBe('unavailable');
      }
      if (relative === 'index.html') await saveScreenshot(page, 'overview-no-data');
      await close();
    }
  });

  it('says the data is damaged when the manifest is not what the contract describes', async () => {
    const damaged = path.join(work, 'damaged');
    await cp(data.root, damaged, { recursive: true });
    await writeFile(
      path.join(damaged, 'data/manifest.json'),
      JSON.stringify({ ...data.manifest, schemaVersion: 99 }),
    );
    await rm(path.join(damaged, 'data/manifest.json.gz'), { force: true });
    const base = await serve(damaged);
    const { page, close } = await open(base, 'index.html');
    const banner = await page.locator('[data-role="banner"]').textContent();
    expect(banner).toContain('The published data is damaged');
    expect(banner).toContain('schemaVersion');
    expect(await page.locator('[data-chart="topChannels"] [data-role="notice"]').textContent()).toBe(
      'Not available: the published data is damaged.',
    );
    expect(await page.locator('svg.tl-chart').count()).toBe(0);
    await close();
  });

  it('warns when the last refresh is older than two days', async () => {
    const stale = path.join(work, 'stale');
    await cp(data.root, stale, { recursive: true });
    const manifest = { ...data.manifest, generatedAt: new Date(Date.now() - 5 * 86_400_000).toISOString() };
    await writeFile(path.join(stale, 'data/manifest.json'), JSON.stringify(manifest));
    await rm(path.join(stale, 'data/manifest.json.gz'), { force: true });
    const base = await serve(stale);
    const { page, close } = await open(base, 'index.html');
    expect(await page.locator('[data-role="banner"]').textContent()).toContain('may be out of date');
    expect(await page.locator('[data-role="as-of"]').textContent()).toContain('refreshed 5 days ago');
    expect(await marks(page, 'topChannels')).toBe(data.report('overview').topChannels.length);
    await close();
  });
});
