import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';

const dir = fileURLToPath(new URL('../../artifacts/site/', import.meta.url));

/**
 * Saves a screenshot to tests/artifacts/site/<name>.png (git-ignored) for people to look at: the
 * whole page, or with `{ fullPage: false }` the first screen (what docs/images holds).
 */
export async function saveScreenshot(page: Page, name: string, { fullPage = true } = {}): Promise<void> {
  await mkdir(dir, { recursive: true });
  await page.screenshot({ path: `${dir}${name}.png`, fullPage });
}
