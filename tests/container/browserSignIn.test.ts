import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.ts';
import { startTestIssuer, type TestIssuer } from '../support/testIssuer.ts';
import { startFixtureExplorer } from './support/fixtureServer.ts';

const now = () => Math.floor(Date.now() / 1000);

describe('explorer page signed in [embedded]', () => {
  let issuer: TestIssuer;
  let explorer: Awaited<ReturnType<typeof startFixtureExplorer>>;
  let browser: Browser;
  beforeAll(async () => {
    issuer = await startTestIssuer();
    [explorer, browser] = await Promise.all([
      startFixtureExplorer('embedded', {
        EXPLORER_AUTH: 'jwt',
        EXPLORER_AUTH_ISSUER: issuer.issuer,
        EXPLORER_AUTH_AUDIENCE: 'page',
        EXPLORER_AUTH_SIGN_OUT_URL: '/auth/sign-out',
        NODE_EXTRA_CA_CERTS: issuer.caFile,
      }),
      launchBrowser(),
    ]);
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await explorer?.close();
    await issuer?.close();
  });

  it('shows who is signed in with a sign-out link, and no freshness notice on a primary', async () => {
    const context = await browser.newContext();
    const token = issuer.sign({
      iss: issuer.issuer,
      aud: 'page',
      sub: 'u-1',
      email: 'ana@example.com',
      exp: now() + 600,
    });
    // The edge sets this cookie Secure; the test server is plain http, so here it is not.
    await context.addCookies([
      { name: 'tubelens_id_token', value: token, url: explorer.url, httpOnly: true },
    ]);
    const page = await context.newPage();
    await page.goto(explorer.url);
    await page.waitForFunction(() =>
      document.querySelector('#page-info')?.textContent?.includes('videos selected'),
    );
    await expect(page.locator('#user').textContent()).resolves.toBe(
      'Signed in as ana@example.com · Sign out',
    );
    await expect(page.locator('#user a').getAttribute('href')).resolves.toBe('/auth/sign-out');
    await expect(page.locator('#notices').isHidden()).resolves.toBe(true);
    await context.close();
  });
});
