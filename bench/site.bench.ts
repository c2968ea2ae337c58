// Report site benchmark: JavaScript shipped per page (gzip), total page weight, time from
// navigation to every chart drawn in headless Chromium, and Lighthouse performance and
// accessibility scores, on the 2017 demo data and on a large generated data set, both published
// by the real refresh.
//
//   npm run bench site         (demo set, and 1,000 channels / 20,000 videos / 30 days generated)
//   TUBELENS_BENCH_SITE_CHANNELS=10000 TUBELENS_BENCH_SITE_VIDEOS=1000000 npm run bench site
//   TUBELENS_BENCH_SITE_LARGE_DIR=out-big npm run bench site   (reports already published there by
//     `tubelens refresh --out out-big` on a big generated database: the large refresh itself takes
//     far longer than the site measurements, so it can be done once and reused)
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import chromium from '@sparticuz/chromium';
import lighthouse from 'lighthouse';
import type { Browser } from 'playwright-core';
import { generateDataset } from '../db/generate/generateDataset.ts';
import { loadTrendingFile, openTrendingFile, readCategoryFile } from '../db/load/index.ts';
import { migrate } from '../db/migrate.ts';
import type { ChannelIndexReport, Manifest } from '../db/reports/contract/index.ts';
import { openPgClient } from '../db/sql/pgClient.ts';
import type { SqlClient } from '../db/sql/SqlClient.ts';
import { directoryObjectStore } from '../functions/refresh/objectStore/directoryObjectStore.ts';
import { refreshReports } from '../functions/refresh/refreshReports.ts';
import { buildSite } from '../local/site/buildSite.ts';
import { serveSite } from '../local/site/serveSite.ts';
import { launchBrowser } from '../tests/support/browser.ts';
import { startBenchServer } from './support/embeddedServer.ts';
import { writeResult } from './support/results.ts';

const repo = fileURLToPath(new URL('../', import.meta.url));
const RUNS = Number(process.env.TUBELENS_BENCH_SITE_RUNS ?? 5);
const large = {
  channels: Number(process.env.TUBELENS_BENCH_SITE_CHANNELS ?? 1_000),
  videos: Number(process.env.TUBELENS_BENCH_SITE_VIDEOS ?? 20_000),
  days: Number(process.env.TUBELENS_BENCH_SITE_DAYS ?? 30),
};
const largeDir = process.env.TUBELENS_BENCH_SITE_LARGE_DIR;
const kb = (bytes: number) => Math.round(bytes / 102.4) / 10;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** JS and CSS a page loads: its module scripts, their static imports (transitively), its stylesheets. */
function pageAssets(siteDir: string, page: string) {
  const html = readFileSync(path.join(siteDir, page), 'utf8');
  const seen = new Set<string>();
  const queue = [...html.matchAll(/<script[^>]+src="\.\/([^"]+)"/g)].map((m) => m[1]!);
  while (queue.length) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const code = readFileSync(path.join(siteDir, file), 'utf8');
    for (const m of code.matchAll(/(?:import|from)\s*["']\.\/([^"']+\.js)["']/g))
      queue.push(`_astro/${m[1]}`);
  }
  const css = [...html.matchAll(/<link[^>]+href="\.\/([^"]+\.css)"/g)].map((m) => m[1]!);
  const gz = (files: string[]) =>
    files.reduce((sum, f) => sum + gzipSync(readFileSync(path.join(siteDir, f))).length, 0);
  const raw = (files: string[]) =>
    files.reduce((sum, f) => sum + readFileSync(path.join(siteDir, f)).length, 0);
  return {
    jsFiles: seen.size,
    jsGzip: gz([...seen]),
    jsRaw: raw([...seen]),
    cssGzip: gz(css),
    htmlGzip: gzipSync(html).length,
  };
}

async function publish(sql: SqlClient, outDir: string) {
  const t = performance.now();
  const result = await refreshReports({ sql, store: directoryObjectStore(outDir), kind: 'full' });
  if (result.status !== 'published') throw new Error(`refresh did not publish: ${result.status}`);
  return Math.round(performance.now() - t);
}

/** A fresh database on the embedded PostgreSQL (the default database), dropped by `close`. */
async function benchDatabase() {
  const embedded = await startBenchServer();
  const database = await embedded.freshDatabase();
  const sql = openPgClient({ connectionString: database.url, max: 4 });
  return Object.assign(sql, {
    async close() {
      await sql.pool.end();
      await database.drop();
      await embedded.close();
    },
  });
}

async function publishDemo(outDir: string) {
  const sql = await benchDatabase();
  try {
    await migrate(sql);
    const file = path.join(repo, 'data/demo/US_trending_2017-11.csv.gz');
    await loadTrendingFile(sql, await openTrendingFile(file), {
      file,
      categories: await readCategoryFile(path.join(repo, 'data/demo/US_category_id_2017.json')),
    });
    return await publish(sql, outDir);
  } finally {
    await sql.close();
  }
}

async function publishLarge(outDir: string) {
  const sql = await benchDatabase();
  try {
    await migrate(sql);
    const t = performance.now();
    let last = 0;
    await generateDataset(sql, large, (p) => {
      if (performance.now() - last > 5000) {
        last = performance.now();
        console.log(
          `  generating: ${p.phase} ${p.done.toLocaleString('en-US')}${p.total ? ` of ${p.total.toLocaleString('en-US')}` : ''}`,
        );
      }
    });
    console.log(`  generated in ${Math.round((performance.now() - t) / 1000)} s; refreshing`);
    return await publish(sql, outDir);
  } finally {
    await sql.close();
  }
}

/** Navigation → `tubelens:ready` (every chart drawn or its message shown), and bytes received. */
async function timePage(browser: Browser, url: string) {
  const times: number[] = [];
  let transferred = 0;
  let requests = 0;
  for (let i = 0; i <= RUNS; i += 1) {
    // A fresh context each run: nothing cached, as for a first visit.
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const responses: Promise<number>[] = [];
    page.on('requestfinished', (request) => {
      responses.push(request.sizes().then((s) => s.responseBodySize + s.responseHeadersSize));
    });
    await page.goto(url);
    await page.waitForSelector('body[data-ready]');
    const ready = await page.evaluate(
      () => performance.getEntriesByName('tubelens:ready')[0]?.startTime ?? Number.NaN,
    );
    const drawn = await page.locator('svg.tl-chart').count();
    if (drawn === 0 && !url.includes('/about.')) throw new Error(`${url} drew no chart`);
    if (i > 0) times.push(ready); // the first run warms Chromium up
    const sizes = await Promise.all(responses);
    transferred = sizes.reduce((a, b) => a + b, 0);
    requests = sizes.length;
    await context.close();
  }
  return {
    readyMs: Math.round(median(times)),
    worstMs: Math.round(Math.max(...times)),
    transferred,
    requests,
  };
}

/** Lighthouse (default mobile settings, simulated throttling) against the same Chromium build. */
async function lighthouseScores(url: string) {
  const executable = process.env.TUBELENS_CHROMIUM || (await chromium.executablePath());
  const profile = await mkdtemp(path.join(os.tmpdir(), 'tubelens-lh-'));
  const chrome = spawn(
    executable,
    [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      `--user-data-dir=${profile}`,
      '--remote-debugging-port=0',
      'about:blank',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  try {
    const port = await new Promise<number>((resolve, reject) => {
      let text = '';
      chrome.stderr.on('data', (chunk: Buffer) => {
        text += chunk.toString();
        const m = /DevTools listening on ws:\/\/[^:]+:(\d+)\//.exec(text);
        if (m) resolve(Number(m[1]));
      });
      chrome.once('exit', (code) =>
        reject(new Error(`Chromium exited (${code}) before DevTools was up: ${text}`)),
      );
    });
    const result = await lighthouse(url, {
      port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance', 'accessibility'],
    });
    const categories = result?.lhr.categories;
    const failed = Object.values(result?.lhr.audits ?? {})
      .filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode === 'binary')
      .map((a) => a.id);
    return {
      performance: Math.round((categories?.performance?.score ?? 0) * 100),
      accessibility: Math.round((categories?.accessibility?.score ?? 0) * 100),
      fcpMs: Math.round(result?.lhr.audits['first-contentful-paint']?.numericValue ?? 0),
      lcpMs: Math.round(result?.lhr.audits['largest-contentful-paint']?.numericValue ?? 0),
      tbtMs: Math.round(result?.lhr.audits['total-blocking-time']?.numericValue ?? 0),
      cls: Math.round((result?.lhr.audits['cumulative-layout-shift']?.numericValue ?? 0) * 1000) / 1000,
      failedAudits: failed.join(' ') || '-',
    };
  } finally {
    // Wait for Chromium to exit before removing its profile, or it writes files into it meanwhile.
    const exited =
      chrome.exitCode !== null ? Promise.resolve() : new Promise((resolve) => chrome.once('exit', resolve));
    chrome.kill('SIGKILL');
    await exited;
    await rm(profile, { recursive: true, force: true });
  }
}

const work = await mkdtemp(path.join(os.tmpdir(), 'tubelens-bench-site-'));
try {
  const siteDir = path.join(work, 'site');
  console.log('building the site');
  await buildSite(siteDir);

  const pages = readdirSync(siteDir).filter((f) => f.endsWith('.html'));
  const assets = Object.fromEntries(pages.map((p) => [p, pageAssets(siteDir, p)]));

  console.log('publishing the demo set');
  const demoMs = await publishDemo(path.join(work, 'demo'));
  let largeMs = Number.NaN;
  let largeName = `${large.channels / 1000}k ch / ${large.videos / 1000}k videos`;
  if (largeDir) {
    const index = JSON.parse(
      readFileSync(
        path.join(
          largeDir,
          (JSON.parse(readFileSync(path.join(largeDir, 'data/manifest.json'), 'utf8')) as Manifest).reports
            .overview,
        ),
        'utf8',
      ),
    ) as { totals: { channels: number; videos: number } };
    largeName = `${index.totals.channels / 1000}k ch / ${index.totals.videos / 1000}k videos`;
    console.log(`using the reports published in ${largeDir} (${largeName})`);
  } else {
    console.log(`publishing ${large.channels} channels / ${large.videos} videos / ${large.days} days`);
    largeMs = await publishLarge(path.join(work, 'large'));
  }

  const browser = await launchBrowser();
  const rows: Record<string, unknown>[] = [];
  const lighthouseRows: Record<string, unknown>[] = [];
  for (const [name, dir, refreshMs] of [
    ['demo', path.join(work, 'demo'), demoMs],
    [largeName, largeDir ? path.resolve(largeDir) : path.join(work, 'large'), largeMs],
  ] as const) {
    const manifest = JSON.parse(readFileSync(path.join(dir, 'data/manifest.json'), 'utf8')) as Manifest;
    const index = JSON.parse(
      readFileSync(path.join(dir, manifest.reports.channelIndex), 'utf8'),
    ) as ChannelIndexReport;
    const busiest = [...index.channels].sort((a, b) => b.videos - a.videos)[0]!;
    const served = await serveSite({ siteDir, dataDir: dir });
    try {
      // Every page in both languages: each language's page ships its own catalogue.
      const id = `?id=${encodeURIComponent(busiest.channelId)}`;
      for (const [page, relative] of [
        ['index.html', 'index.html'],
        ['channels.html', 'channels.html'],
        ['channel.html', `channel.html${id}`],
        ['about.html', 'about.html'],
        ['index.ja.html', 'index.ja.html'],
        ['channels.ja.html', 'channels.ja.html'],
        ['channel.ja.html', `channel.ja.html${id}`],
        ['about.ja.html', 'about.ja.html'],
      ] as const) {
        const timing = await timePage(browser, served.url + relative);
        const a = assets[page]!;
        rows.push({
          data: name,
          page,
          'JS KB gzip': kb(a.jsGzip),
          'JS KB raw': kb(a.jsRaw),
          'CSS KB gzip': kb(a.cssGzip),
          'page weight KB': kb(timing.transferred),
          requests: timing.requests,
          'ready ms (median)': timing.readyMs,
          'ready ms (worst)': timing.worstMs,
          // Not known for reports published beforehand (TUBELENS_BENCH_SITE_LARGE_DIR).
          'refresh s': Number.isNaN(refreshMs) ? null : Math.round(refreshMs / 100) / 10,
        });
        if (name === 'demo' || !page.startsWith('about.')) {
          const scores = await lighthouseScores(served.url + relative);
          lighthouseRows.push({ data: name, page, ...scores });
        }
      }
    } finally {
      await served.close();
    }
  }
  await browser.close();
  console.table(lighthouseRows);
  // A run over reports published elsewhere keeps its own result file, so both can be quoted.
  writeResult(largeDir ? 'site-large' : 'site', rows, {
    large: largeDir ? { publishedIn: largeDir, name: largeName } : large,
    runsPerPage: RUNS,
    // A string, not an array: biome would reformat a multi-line array of numbers in the result file.
    loadAverage: os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' '),
    lighthouse: lighthouseRows,
    notes:
      'JS = module scripts and their static imports, each file gzipped; page weight = bytes received (headers + encoded bodies) for a first visit, text gzipped as CloudFront would; ready = navigation start to performance mark tubelens:ready (all charts drawn), headless Chromium, fresh context per run',
  });
} finally {
  await rm(work, { recursive: true, force: true });
}
