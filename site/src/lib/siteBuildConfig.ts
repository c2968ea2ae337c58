/** Build-time settings of the report site, read once from the environment of `npm run build`. */
export interface SiteBuildConfig {
  /**
   * Where `manifest.json` lives, relative to the pages or absolute. Default `data/`: the data is
   * published next to the site on the same origin, at whatever sub-path the site is served from.
   */
  readonly dataBase: string;
  /** A refresh older than this many hours is flagged as stale on every page. */
  readonly staleAfterHours: number;
  readonly contentSecurityPolicy: string;
  /** The explorer's address (an http(s) URL), linked from every page; '' when there is none. */
  readonly explorerUrl: string;
}

export class SiteConfigError extends Error {
  override name = 'SiteConfigError';
}

const DEFAULT_DATA_BASE = 'data/';
// The refresh runs every few hours (serverless.yml); two days without one means it is failing.
const DEFAULT_STALE_AFTER_HOURS = 48;

/**
 * TUBELENS_DATA_BASE: data origin and path (e.g. `https://d123.cloudfront.net/data/`), default
 * same-origin `data/`. TUBELENS_STALE_AFTER_HOURS: default 48. TUBELENS_EXPLORER_URL: where the
 * explorer runs (e.g. `https://explorer.example.com/`); the pages link to it, and without it they
 * do not. The CSP allows fetching from the
 * data origin and nothing else; scripts and styles only from the site's own files.
 */
export function siteBuildConfig(env: Record<string, string | undefined>): SiteBuildConfig {
  const dataBase = env.TUBELENS_DATA_BASE?.trim() || DEFAULT_DATA_BASE;
  if (!dataBase.endsWith('/')) throw new SiteConfigError(`TUBELENS_DATA_BASE must end with "/": ${dataBase}`);
  let dataOrigin = '';
  if (/^[a-z][a-z0-9+.-]*:/i.test(dataBase)) {
    const url = new URL(dataBase);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      throw new SiteConfigError(`TUBELENS_DATA_BASE must be an http(s) URL or a relative path: ${dataBase}`);
    }
    dataOrigin = url.origin;
  }
  const staleText = env.TUBELENS_STALE_AFTER_HOURS?.trim();
  const staleAfterHours = staleText ? Number(staleText) : DEFAULT_STALE_AFTER_HOURS;
  if (!Number.isFinite(staleAfterHours) || staleAfterHours <= 0) {
    throw new SiteConfigError(`TUBELENS_STALE_AFTER_HOURS must be a positive number: ${staleText}`);
  }
  const explorerUrl = env.TUBELENS_EXPLORER_URL?.trim() || '';
  if (explorerUrl && !/^https?:\/\/[^/]/i.test(explorerUrl)) {
    throw new SiteConfigError(`TUBELENS_EXPLORER_URL must be an http(s) URL: ${explorerUrl}`);
  }
  const contentSecurityPolicy = [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src 'self'${dataOrigin ? ` ${dataOrigin}` : ''}`,
    "base-uri 'none'",
    "form-action 'none'",
    "object-src 'none'",
  ].join('; ');
  return { dataBase, staleAfterHours, contentSecurityPolicy, explorerUrl };
}
