import { FetchError } from 'aws-jwt-verify/error';
import type { Fetcher } from 'aws-jwt-verify/https';

/**
 * aws-jwt-verify's key fetcher on the runtime's `fetch`: the library's own one speaks only
 * https through node:https, while this one also reaches the local issuer the tests start.
 * A key set is a few KB; 3 s keeps a slow issuer inside Lambda@Edge's 5 s viewer budget.
 */
export function fetchFetcher(fetchFn: typeof fetch = fetch, timeoutMs = 3000): Fetcher {
  return {
    async fetch(uri) {
      let response: Response;
      try {
        response = await fetchFn(uri, { signal: AbortSignal.timeout(timeoutMs) });
      } catch (cause) {
        throw new FetchError(uri, (cause as Error).message);
      }
      if (response.status !== 200)
        throw new FetchError(uri, `Status code is ${response.status}, expected 200`);
      return response.arrayBuffer();
    },
  };
}
