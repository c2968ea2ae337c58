import { chartCard } from './chartCard.ts';
import { el, role } from './dom.ts';
import { DataInvalidError } from './errors.ts';
import { describeFreshness } from './freshness.ts';
import { loadManifest, type PublishedData } from './loadReports.ts';
import { readSiteConfig, type SiteConfig } from './siteConfig.ts';

export interface PageContext {
  readonly data: PublishedData;
  readonly config: SiteConfig;
}

/**
 * Runs a page: reads the manifest, writes the "data as of" line and any stale-data banner, then
 * hands over to `render`. When the manifest cannot be read, every chart card on the page shows
 * why instead of staying blank. `body[data-ready]` is set when the page has finished (tests and
 * the benchmark wait on it).
 */
export async function startPage(render: (context: PageContext) => Promise<void>): Promise<void> {
  const config = readSiteConfig();
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
      asOf.textContent = 'No data available';
      showBanner(
        'error',
        error instanceof DataInvalidError
          ? `The published data is damaged, so no report can be shown. ${error.message}`
          : `No report data is available yet. ${(error as Error).message} Run a refresh to publish it.`,
      );
      // The banner says why; each card just says it has nothing to draw.
      const damaged = error instanceof DataInvalidError;
      for (const card of document.querySelectorAll<HTMLElement>('[data-chart]')) {
        chartCard(card.dataset.chart ?? '').showNotice(
          damaged ? 'error' : 'warn',
          damaged
            ? 'Not available: the published data is damaged.'
            : 'Not available until a refresh publishes data.',
        );
      }
      for (const slot of document.querySelectorAll<HTMLElement>('[data-table] [data-role="table"]')) {
        slot.replaceChildren(
          el('p', { class: 'notice warn', role: 'status' }, 'Not available until a refresh publishes data.'),
        );
        slot.dataset.filled = '';
      }
      for (const input of document.querySelectorAll<HTMLElement>('[data-table] [data-role="count"]')) {
        input.textContent = '';
      }
      document.body.dataset.pageState = 'no-data';
      return;
    }
    const freshness = describeFreshness(data.manifest, new Date(), config.staleAfterHours);
    asOf.textContent = freshness.line;
    if (freshness.warning) showBanner('warn', freshness.warning);
    await render({ data, config });
    document.body.dataset.pageState = 'ok';
  } catch (error) {
    console.error(error);
    showBanner('error', `Something went wrong while drawing this page: ${(error as Error).message}`);
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
