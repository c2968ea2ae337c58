import { describe, expect, it } from 'vitest';
import { routeViewerRequest } from '../../../functions/edgeAuth/routeViewerRequest.ts';
import { ROUTES } from './support/routes.ts';

describe('routeViewerRequest', () => {
  it.each(ROUTES)('routes %s to %s', (uri, routed) => {
    expect(routeViewerRequest(uri)).toBe(routed);
  });
});
