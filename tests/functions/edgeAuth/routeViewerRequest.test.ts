import { describe, expect, it } from 'vitest';
import { routeViewerRequest } from '../../../functions/edgeAuth/routeViewerRequest.ts';

/** Shared with tests/deploy: serverless.yml's CloudFront Function must route the same way. */
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

describe('routeViewerRequest', () => {
  it.each(ROUTES)('routes %s to %s', (uri, routed) => {
    expect(routeViewerRequest(uri)).toBe(routed);
  });
});
