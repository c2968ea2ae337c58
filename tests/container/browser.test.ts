import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.ts';
import { startFixtureExplorer } from './support/fixtureServer.ts';
import { fixtureVideo } from './support/fixtures.ts';

const selectedText = (page: Page) => page.locator('#page-info').textContent();
const waitForSelected = (page: Page, n: number) =>
  page.waitForFunction(
    (count) =>
      document
        .querySelector('#page-info')
        ?.textContent?.startsWith(`${count} ${count === 1 ? 'video' : 'videos'} selected`),
    n,
  );
const tableVideoIds = (page: Page) =>
  page.locator('#selection tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-video')));

describe('explorer in a browser', () => {
  let explorer: Awaited<ReturnType<typeof startFixtureExplorer>>;
  let browser: Browser;
  beforeAll(async () => {
    [explorer, browser] = await Promise.all([startFixtureExplorer('embedded'), launchBrowser()]);
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await explorer?.close();
  });

  it('filters, brushes, sorts, exports and reopens the same view from a shared link', async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
    await page.goto(explorer.url);
    await waitForSelected(page, 90);

    // Pick a channel to compare.
    await page.fill('#channel-search', 'cook');
    await page.click('#channel-results button[data-channel="UCcooking"]');
    await waitForSelected(page, 30);
    await expect(page.locator('#selected-channels li').textContent()).resolves.toContain('Cooking Corner');
    expect(await page.locator('#compare svg .tl-mark').count()).toBe(1);

    // Words in the title: the one title with markup in it is shown as text.
    await page.fill('#filters input[name="title"]', 'off_sale');
    await waitForSelected(page, 1);
    const title = await page.locator('#selection td.title button').textContent();
    expect(title).toBe(fixtureVideo(0, 3).title);
    expect(await page.locator('#selection img').count()).toBe(0);
    await page.fill('#filters input[name="title"]', 'pasta');
    await waitForSelected(page, 30);

    // Publish date range: videos from Feb 1 (day 3i >= 31, i >= 11: 19 of 30).
    await page.fill('#filters input[name="from"]', '2024-02-01');
    await page.locator('#filters input[name="from"]').dispatchEvent('change');
    await waitForSelected(page, 19);
    expect(await page.locator('#timings').textContent()).toMatch(/query [\d.]+ ms/);

    // Brush the middle of the scatter.
    const overlay = page.locator('#scatter .brush .overlay');
    const box = (await overlay.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.05);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.7, box.y + box.height * 0.95, { steps: 8 });
    await page.mouse.up();
    await page.waitForFunction(() => location.search.includes('brush='));
    const brush = new URL(page.url()).searchParams.get('brush')!.split('~');
    const [from, to, minViews, maxViews] = [
      Date.parse(brush[0]!),
      Date.parse(brush[1]!),
      Number(brush[2]),
      Number(brush[3]),
    ];
    const inside = Array.from({ length: 30 }, (_, i) => fixtureVideo(0, i)).filter(
      (v) =>
        v.published_at.getTime() >= Date.parse('2024-02-01') &&
        v.published_at.getTime() >= from &&
        v.published_at.getTime() <= to &&
        v.views >= minViews &&
        v.views <= maxViews,
    );
    expect(inside.length, `brush ${brush.join(' ')}`).toBeGreaterThan(0);
    expect(inside.length).toBeLessThan(19);
    await waitForSelected(page, inside.length);
    expect((await tableVideoIds(page)).sort()).toEqual(inside.map((v) => v.video_id).sort());
    expect(await page.locator('#scatter circle.tl-mark.tl-highlight').count()).toBe(inside.length);

    // Sort by views: first click on the current column flips it to ascending.
    await page.click('#selection th[data-column="views"] button');
    await page.waitForSelector('#selection th[data-column="views"][aria-sort="ascending"]');
    const ascending = [...inside].sort((a, b) => a.views - b.views).map((v) => v.video_id);
    expect(await tableVideoIds(page)).toEqual(ascending);

    // Export: exactly the selection, in the table's order.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export')]);
    const csv = (await readFile((await download.path())!, 'utf8')).trimEnd().split('\r\n');
    expect(csv.slice(1).map((line) => line.split(',')[0])).toEqual(ascending);

    // Copy the link and open it in a fresh browser (no session storage): the same view.
    await page.click('#copy-link');
    const link = await page.locator('#share-link').inputValue();
    expect(link).toContain('sort=views.asc');
    const other = await (await browser.newContext()).newPage();
    await other.goto(link);
    await waitForSelected(other, inside.length);
    expect(await tableVideoIds(other)).toEqual(ascending);
    expect(await other.locator('#filters input[name="from"]').inputValue()).toBe('2024-02-01');
    expect(await other.locator('#selected-channels li').textContent()).toContain('Cooking Corner');
    expect(await other.locator('#scatter circle.tl-mark.tl-highlight').count()).toBe(inside.length);

    // Back moves to the view before the sort; forward returns to it.
    await page.goBack();
    await page.waitForSelector('#selection th[data-column="views"][aria-sort="descending"]');
    expect(await tableVideoIds(page)).toEqual([...ascending].reverse());
    await page.goForward();
    await page.waitForSelector('#selection th[data-column="views"][aria-sort="ascending"]');
    expect(await selectedText(page)).toMatch(new RegExp(`^${inside.length} videos selected`));
    expect(pageErrors).toEqual([]);
  });
});
