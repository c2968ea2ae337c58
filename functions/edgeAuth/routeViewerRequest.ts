/**
 * Where a signed-in (or public) request goes once it may pass: the explorer page lives at
 * /explorer on the distribution but at / in its container, and the site's pages are built as
 * `.html` files that links name without the extension. The explorer's other paths (/ws,
 * /export.csv, /assets/*) and the site's data and hashed assets pass unchanged.
 * serverless.yml's SiteRouteFunction does the same for auth=none; tests check both on one table.
 */
export function routeViewerRequest(uri: string): string {
  if (uri === '/explorer' || uri === '/explorer/') return '/';
  if (uri === '/ws' || uri === '/export.csv' || uri.startsWith('/assets/') || uri.startsWith('/explorer')) {
    return uri;
  }
  if (uri.endsWith('/')) return `${uri}index.html`;
  if (uri.lastIndexOf('.') < uri.lastIndexOf('/')) return `${uri}.html`;
  return uri;
}
