import type { SitePage } from '../i18n/languages.ts';
import { chartCard } from './chartCard.ts';
import { el, role } from './dom.ts';
import { DataInvalidError, describeDataError } from './errors.ts';
import { describeFreshness } from './freshness.ts';
import { loadManifest, type PublishedData } from './loadReports.ts';
import { chosenTimeZone, languageRedirect, wireLanguageLinks, wireTimeZoneMenu } from './preferences.ts';
import { readSiteConfig, type SiteConfig } from './siteConfig.ts';
import { type SiteLocale, type SiteMessages, siteLocale } from './siteLocale.ts';

export interface PageContext {
  readonly data: PublishedData;
  readonly config: SiteConfig;
  readonly locale: SiteLocale;
}

/** The page and the strings its language gives it (from the entry script in src/pages). */
export interface PageSetup extends SiteMessages {
  readonly page: SitePage;
}

/**
 * Runs a page: sends a reader who prefers another language to that page, reads the manifest,
 * writes the "data as of" line and any stale-data banner, then hands over to `render`. When the
 * manifest cannot be read, every chart card on the page shows why instead of staying blank.
 * `body[data-ready]` is set when the page has finished (tests and the benchmark wait on it).
 */
export async function startPage(
  setup: PageSetup,
  render: (context: PageContext) => Promise<void>,
): Promise<void> {
  const redirect = languageRedirect(setup.lang, setup.page);
  if (redirect) {
    location.replace(redirect);
    return;
  }
  const config = readSiteConfig();
  const locale = siteLocale(setup, chosenTimeZone());
  const t = locale.common;
  wireLanguageLinks();
  wireTimeZoneMenu(locale.format.timeZone, setup.lang);
  const asOf = role(document, 'as-of');
  const banner = role(document, 'banner');
  const showBanner = (kind: 'warn' | 'error', text: string) => {
    banner.className = `banner ${kind}`;
    banner.textContent = text;
    banner.hidden = false;
  };
  try {
    let data: PublishedData;
    try {
      data = await loadManifest(config.manifestUrl);
    } catch (error) {
      asOf.textContent = t.noDataAsOf;
      const damaged = error instanceof DataInvalidError;
      const detail = describeDataError(error, t);
      showBanner('error', damaged ? t.damagedBanner(detail) : t.missingBanner(detail));
      // The banner says why; each card just says it has nothing to draw.
      for (const card of document.querySelectorAll<HTMLElement>('[data-chart]')) {
        chartCard(card.dataset.chart ?? '').showNotice(
          damaged ? 'error' : 'warn',
          damaged ? t.cardDamaged : t.cardMissing,
        );
      }
      for (const slot of document.querySelectorAll<HTMLElement>('[data-table] [data-role="table"]')) {
        slot.replaceChildren(el('p', { class: 'notice warn', role: 'status' }, t.cardMissing));
        slot.dataset.filled = '';
      }
      for (const input of document.querySelectorAll<HTMLElement>('[data-table] [data-role="count"]')) {
        input.textContent = '';
      }
      document.body.dataset.pageState = 'no-data';
      return;
    }
    const freshness = describeFreshness(data.manifest, new Date(), config.staleAfterHours, locale);
    asOf.textContent = freshness.line;
    if (freshness.warning) showBanner('warn', freshness.warning);
    await render({ data, config, locale });
    document.body.dataset.pageState = 'ok';
  } catch (error) {
    console.error(error);
    showBanner('error', t.pageFailed((error as Error).message));
    document.body.dataset.pageState = 'error';
  } finally {
    document.body.dataset.ready = 'true';
    // The benchmark reads this: navigation start to every chart drawn (or its message shown).
    performance.mark('tubelens:ready');
  }
}

/** Runs each report's rendering on its own, so one broken report does not blank the others. */
export async function eachSettled(tasks: readonly (() => Promise<void>)[]): Promise<void> {
  await Promise.all(tasks.map((task) => task().catch((error: unknown) => console.error(error))));
}
