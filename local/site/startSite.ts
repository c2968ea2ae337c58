import { existsSync } from 'node:fs';
import path from 'node:path';
import { buildSite, DEFAULT_SITE_DIR } from './buildSite.ts';
import { type ServedSite, type ServeSiteOptions, serveSite } from './serveSite.ts';

export interface StartSiteOptions extends Omit<ServeSiteOptions, 'siteDir'> {
  /** The built site; default site/dist. */
  readonly siteDir?: string;
  /** Build even when the site is already built (default: only when site/dist has no index.html). */
  readonly rebuild?: boolean;
  /** Told before a build starts (a build takes a few seconds). */
  readonly onBuild?: (siteDir: string) => void;
}

/**
 * For `npm start`: builds the site when it has not been built yet, then serves it with the
 * published data (`dataDir` or `dataSource`, see serveSite). Resolves to `{ url, close }`.
 */
export async function startSite(options: StartSiteOptions = {}): Promise<ServedSite> {
  const { siteDir = DEFAULT_SITE_DIR, rebuild = false, onBuild, ...serve } = options;
  if (rebuild || !existsSync(path.join(siteDir, 'index.html'))) {
    onBuild?.(siteDir);
    await buildSite(siteDir);
  }
  return serveSite({ ...serve, siteDir });
}
