import { existsSync, readFileSync } from 'node:fs';
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
  /**
   * The environment of the build (TUBELENS_EXPLORER_URL and friends); a site built with another
   * explorer address than the one given is built again.
   */
  readonly buildEnv?: Record<string, string | undefined>;
}

/**
 * For `npm start`: builds the site when it has not been built yet, then serves it with the
 * published data (`dataDir` or `dataSource`, see serveSite). Resolves to `{ url, close }`.
 */
export async function startSite(options: StartSiteOptions = {}): Promise<ServedSite> {
  const { siteDir = DEFAULT_SITE_DIR, rebuild = false, onBuild, buildEnv, ...serve } = options;
  const index = path.join(siteDir, 'index.html');
  const explorerUrl = buildEnv?.TUBELENS_EXPLORER_URL;
  const stale =
    !existsSync(index) ||
    (explorerUrl !== undefined && !readFileSync(index, 'utf8').includes(`content="${explorerUrl}"`));
  if (rebuild || stale) {
    onBuild?.(siteDir);
    await buildSite(siteDir, buildEnv);
  }
  return serveSite({ ...serve, siteDir });
}
