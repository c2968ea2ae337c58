import { manifestKey } from '../../../db/reports/contract/publicationLayout.ts';

/** Run-time settings, read from the meta tags the build wrote (see siteBuildConfig.ts). */
export interface SiteConfig {
  /** Absolute URL of the manifest. */
  readonly manifestUrl: string;
  readonly staleAfterHours: number;
  /** The explorer's address, when the build named one (TUBELENS_EXPLORER_URL). */
  readonly explorerUrl: string | null;
}

export function readSiteConfig(doc: Document = document): SiteConfig {
  const meta = (name: string) => doc.querySelector<HTMLMetaElement>(`meta[name="${name}"]`)?.content ?? '';
  const dataBase = meta('tubelens-data-base') || 'data/';
  const stale = Number(meta('tubelens-stale-after-hours'));
  return {
    // Relative to the page, so the site works under any sub-path; absolute for another origin.
    manifestUrl: new URL(manifestKey(''), new URL(dataBase, doc.baseURI)).href,
    staleAfterHours: Number.isFinite(stale) && stale > 0 ? stale : 48,
    explorerUrl: meta('tubelens-explorer-url') || null,
  };
}
