import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFile } from '../../db/load/loadFile.ts';
import { openTrendingFile } from '../../db/load/openTrendingFile.ts';
import { migrate } from '../../db/migrate.ts';
import { openPgClient } from '../../db/sql/pgClient.ts';
import { backendUrl, createServerDatabase } from '../support/backends.ts';
import { launchBrowser } from '../support/browser.ts';
import {
  type ExplorerProcess,
  ensureExplorerBuilt,
  startExplorerProcess,
} from './support/explorerProcess.ts';

const A = 'UCaaaaaaaaaaaaaaaaaaaaaa';
const B = 'UCbbbbbbbbbbbbbbbbbbbbbb';

describe('explorer: channels over time, coloured by channel', () => {
  let database: Awaited<ReturnType<typeof createServerDatabase>>;
  let explorer: ExplorerProcess;
  let browser: Browser;
  beforeAll(async () => {
    database = await createServerDatabase(backendUrl('embedded'));
    const sql = openPgClient({ connectionString: database.url, max: 1 });
    await migrate(sql);
    for (const name of ['channels.csv', 'channel_daily.csv', 'video_snapshots.csv']) {
      const file = `tests/fixtures/tracker/${name}`;
      await loadFile(sql, await openTrendingFile(file), { file });
    }
    await sql.close();
    await ensureExplorerBuilt();
    [explorer, browser] = await Promise.all([
      startExplorerProcess({ DATABASE_URL: database.url }),
      launchBrowser(),
    ]);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await explorer?.stop();
    await database?.drop();
  });

  it('draws one line per channel with a legend, views or subscribers, absolute or indexed', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${explorer.url}?ch=${A}&ch=${B}`);
    const chart = page.locator('#over-time-chart svg');
    await chart.waitFor();
    expect(await chart.getAttribute('data-series')).toBe('2');
    expect(await page.locator('#over-time-chart .tl-series-legend text').allTextContents()).toEqual([
      'Ada Builds',
      'Bento Kitchen, "Tokyo"',
    ]);
    // The channel keeps its colour: first selected, first colour, here as in the scatter.
    expect(await page.locator('#over-time-chart .tl-series.tl-series-0').count()).toBe(1);
    const views = await chart.getAttribute('aria-label');
    expect(views).toBe('Views of the selected channels over time');

    await page.check('#over-time [data-role="metric"] input[value="subscribers"]');
    await page.check('#over-time [data-role="scale"] input[value="indexed"]');
    const indexed = page.locator('#over-time-chart svg');
    await expect
      .poll(() => indexed.getAttribute('aria-label'))
      .toBe('Subscribers of the selected channels over time, indexed to 100 at each one’s first day');
    expect(await page.locator('#over-time-note').textContent()).toContain('rounded down by YouTube');
    // Indexed: every line starts at 100.
    const first = await page
      .locator('#over-time-chart .tl-series')
      .evaluateAll((groups) =>
        groups.map((g) => (g.querySelector('circle') as SVGCircleElement | null)?.getAttribute('cy')),
      );
    expect(new Set(first).size).toBe(1);

    // The scatter of the selected channels' videos: coloured by channel, with the same legend.
    const scatterLegend = await page.locator('#scatter .tl-series-legend text').allTextContents();
    expect(scatterLegend).toEqual(['Ada Builds', 'Bento Kitchen, "Tokyo"']);
    expect(await page.locator('#scatter circle.tl-mark.tl-series-1').count()).toBe(6);
    expect(errors).toEqual([]);
    await page.close();
  });
});
