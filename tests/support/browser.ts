import { existsSync } from 'node:fs';
import chromium from '@sparticuz/chromium';
import { type Browser, chromium as playwright } from 'playwright-core';

/** The system's fontconfig set-up (Debian: /etc/fonts/fonts.conf lists /usr/share/fonts). */
const SYSTEM_FONTCONFIG = '/etc/fonts';

/**
 * Launches headless Chromium for browser tests. The binary comes from the npm package
 * @sparticuz/chromium, so a fresh `npm ci` has it (Playwright cannot download its own here);
 * TUBELENS_CHROMIUM=/usr/bin/chromium uses another build instead.
 *
 * Fonts: @sparticuz/chromium is built for Lambda and points fontconfig at its own folder, which
 * holds one Latin font (Open Sans), so Japanese would draw as empty boxes. The browser is started
 * with the system's fontconfig instead, which finds what the machine has installed; the tests
 * that check Japanese glyphs need Debian's fonts-noto-cjk (.ci/run installs it, see
 * `cjkFontSkipReason`).
 */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = process.env.TUBELENS_CHROMIUM || (await chromium.executablePath());
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
  if (existsSync(`${SYSTEM_FONTCONFIG}/fonts.conf`)) {
    env.FONTCONFIG_PATH = SYSTEM_FONTCONFIG;
    env.FONTCONFIG_FILE = `${SYSTEM_FONTCONFIG}/fonts.conf`;
  }
  return playwright.launch({
    executablePath,
    headless: true,
    env,
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

/** Where Debian's fonts-noto-cjk puts Noto Sans CJK (the font the glyph tests look for). */
export const CJK_FONT_FILE = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';

/**
 * Why a test that needs real Japanese glyphs cannot run here, or '' when it can. CI installs the
 * font (`apt-get install fonts-noto-cjk` in .ci/run) and sets TUBELENS_REQUIRE_CJK_FONT=1, which
 * turns a missing font into a failure.
 */
export function cjkFontSkipReason(): string {
  if (existsSync(CJK_FONT_FILE)) return '';
  if (process.env.TUBELENS_REQUIRE_CJK_FONT === '1') {
    throw new Error(
      `TUBELENS_REQUIRE_CJK_FONT=1 but ${CJK_FONT_FILE} is missing: apt-get install fonts-noto-cjk`,
    );
  }
  return `skipped: no CJK font (${CJK_FONT_FILE}); install it with apt-get install fonts-noto-cjk`;
}
