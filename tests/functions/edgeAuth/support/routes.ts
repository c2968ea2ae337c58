/** Paths and where they go; serverless.yml's SiteRouteFunction (auth=none) must agree (tests/deploy). */
export const ROUTES: [string, string][] = [
  ['/', '/index.html'],
  ['/channels', '/channels.html'],
  ['/channels.html', '/channels.html'],
  ['/about/', '/about/index.html'],
  ['/_astro/page.A1b2.js', '/_astro/page.A1b2.js'],
  ['/v1.2/notes', '/v1.2/notes.html'],
  ['/data/manifest.json', '/data/manifest.json'],
  ['/explorer', '/'],
  ['/explorer/', '/'],
  ['/ws', '/ws'],
  ['/export.csv', '/export.csv'],
  ['/assets/explorer.js', '/assets/explorer.js'],
];
