import chromium from '@sparticuz/chromium';
import { type Browser, chromium as playwright } from 'playwright-core';

/**
 * Launches headless Chromium for browser tests. The binary comes from the npm package
 * @sparticuz/chromium, so a fresh `npm ci` has it (Playwright cannot download its own here);
 * TUBELENS_CHROMIUM=/usr/bin/chromium uses another build instead.
 */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = process.env.TUBELENS_CHROMIUM || (await chromium.executablePath());
  return playwright.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      // The machine has no outside network: without these Chromium keeps dialling out.
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}
