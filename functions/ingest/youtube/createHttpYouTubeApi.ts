import type { z } from 'zod';
import { QuotaExceededError, YouTubeApiError, YouTubeAuthError, YouTubeResponseError } from '../errors.ts';
import { redact } from './redact.ts';
import {
  channelListSchema,
  errorBodySchema,
  parseResponse,
  playlistItemListSchema,
  videoCategoryListSchema,
  videoListSchema,
} from './schemas.ts';
import { MAX_RESULTS, type RequestHooks, type YouTubeApi } from './YouTubeApi.ts';

/** Google's API root; paths below it are /youtube/v3/<resource>. */
export const DEFAULT_YOUTUBE_API_BASE_URL = 'https://youtube.googleapis.com';

export interface HttpYouTubeApiOptions {
  apiKey: string;
  /** Root URL (YOUTUBE_API_BASE_URL); default Google's. */
  baseUrl?: string;
  fetch?: typeof globalThis.fetch;
  /** Injectable for tests: waits between retries. */
  sleep?: (ms: number) => Promise<void>;
  /** Injectable for tests: jitter source in [0, 1). */
  random?: () => number;
  /** Attempts per call, retries included. */
  maxAttempts?: number;
  /** First backoff step; doubles per retry up to maxDelayMs. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Per-attempt timeout. */
  timeoutMs?: number;
  /** Told about each retry (for logs); gets no key. */
  onRetry?: (info: { method: string; attempt: number; delayMs: number; reason: string }) => void;
}

const defaults = {
  baseUrl: DEFAULT_YOUTUBE_API_BASE_URL,
  // 5 attempts with 1, 2, 4, 8 s (full jitter) between them: about 15 s at worst, well inside a
  // Lambda's budget, and long enough to ride out a brief 503 from the API front end.
  maxAttempts: 5,
  baseDelayMs: 1_000,
  maxDelayMs: 16_000,
  // A list call answers in well under a second; 30 s means the connection is stuck.
  timeoutMs: 30_000,
};

/** Google's API does not redirect; a few same-origin hops cover a proxy that normalises paths. */
const MAX_REDIRECTS = 3;

const QUOTA_REASONS = new Set(['quotaExceeded', 'dailyLimitExceeded', 'dailyLimitExceededUnreg']);
const RATE_REASONS = new Set(['rateLimitExceeded', 'userRateLimitExceeded']);

class RetryableError extends Error {
  override name = 'RetryableError';
}

/** The YouTube Data API over HTTPS with an API key, sent in a header so it is never in a URL. */
export function createHttpYouTubeApi(options: HttpYouTubeApiOptions): YouTubeApi {
  const o = { ...defaults, ...options };
  if (!o.apiKey) throw new TypeError('apiKey is required');
  const fetchFn = o.fetch ?? globalThis.fetch;
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const random = o.random ?? Math.random;
  const root = o.baseUrl.replace(/\/+$/, '');
  const clean = (text: string) => redact(text, [o.apiKey]);

  /**
   * One request, following redirects only within the origin it was sent to: fetch keeps custom
   * headers on a redirect to another origin (it strips only Authorization), and the key must
   * never reach a host that is not the API's.
   */
  async function fetchSameOrigin(method: string, url: string, signal: AbortSignal): Promise<Response> {
    let target = new URL(url);
    for (let hop = 0; ; hop += 1) {
      const response = await fetchFn(target, {
        headers: { 'x-goog-api-key': o.apiKey, accept: 'application/json' },
        redirect: 'manual',
        signal,
      });
      const location = response.headers.get('location');
      if (response.status < 300 || response.status > 399 || location === null) return response;
      await response.body?.cancel();
      const next = new URL(location, target);
      if (next.origin !== target.origin) {
        throw new YouTubeApiError(
          `${method}: redirected to another origin (${next.origin}); not following it with the API key`,
          response.status,
          'crossOriginRedirect',
        );
      }
      if (hop >= MAX_REDIRECTS) {
        throw new YouTubeApiError(
          `${method}: more than ${MAX_REDIRECTS} redirects`,
          response.status,
          'tooManyRedirects',
        );
      }
      target = next;
    }
  }

  async function attempt(method: string, url: string): Promise<unknown> {
    let response: Response;
    try {
      response = await fetchSameOrigin(method, url, AbortSignal.timeout(o.timeoutMs));
    } catch (cause) {
      if (cause instanceof YouTubeApiError) throw cause;
      const detail =
        cause instanceof Error
          ? cause.cause instanceof Error
            ? cause.cause.message
            : cause.message
          : String(cause);
      throw new RetryableError(clean(`${method}: network error: ${detail}`));
    }
    const text = await response.text().catch(() => '');
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = undefined;
    }
    if (response.ok) {
      if (body === undefined) throw new YouTubeResponseError(`unexpected ${method} response: not JSON`);
      return body;
    }
    const parsed = errorBodySchema.safeParse(body);
    const reason = parsed.success
      ? (parsed.data.error.errors?.[0]?.reason ?? parsed.data.error.status ?? '')
      : '';
    const apiMessage = parsed.success ? (parsed.data.error.message ?? '') : text.slice(0, 200);
    const status = response.status;
    const what = clean(
      `${method} failed: HTTP ${status}${reason ? ` ${reason}` : ''}${apiMessage ? `: ${apiMessage}` : ''}`,
    );
    if (QUOTA_REASONS.has(reason)) throw new QuotaExceededError(what, status, reason);
    if (status >= 500 || status === 429 || RATE_REASONS.has(reason)) throw new RetryableError(what);
    if (status === 400 && /key/i.test(reason)) throw new YouTubeAuthError(what, status, reason);
    if (status === 401 || status === 403) throw new YouTubeAuthError(what, status, reason);
    throw new YouTubeApiError(what, status, reason);
  }

  async function call<S extends z.ZodType>(
    resource: string,
    params: Record<string, string | undefined>,
    schema: S,
    hooks: RequestHooks | undefined,
  ): Promise<z.output<S>> {
    const method = `${resource}.list`;
    const query = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v !== undefined) query.set(k, v);
    const url = `${root}/youtube/v3/${resource}?${query}`;
    for (let n = 1; ; n += 1) {
      hooks?.beforeAttempt?.(method);
      try {
        return parseResponse(schema, await attempt(method, url), method);
      } catch (error) {
        if (!(error instanceof RetryableError)) throw error;
        if (n >= o.maxAttempts) {
          throw new YouTubeApiError(`${error.message} (gave up after ${n} attempts)`, 0, 'retriesExhausted', {
            cause: error,
          });
        }
        // Full jitter: spreads retries from many clients instead of synchronising them.
        const delayMs = Math.round(random() * Math.min(o.maxDelayMs, o.baseDelayMs * 2 ** (n - 1)));
        o.onRetry?.({ method, attempt: n, delayMs, reason: error.message });
        await sleep(delayMs);
      }
    }
  }

  const batch = (ids: readonly string[]) => {
    if (ids.length === 0 || ids.length > MAX_RESULTS) {
      throw new RangeError(`between 1 and ${MAX_RESULTS} ids per call, got ${ids.length}`);
    }
    return ids.join(',');
  };

  return {
    listChannels(q, hooks) {
      const by = 'ids' in q ? { id: batch(q.ids) } : { forHandle: q.forHandle };
      return call(
        'channels',
        { part: 'snippet,contentDetails,statistics', ...by, maxResults: String(MAX_RESULTS) },
        channelListSchema,
        hooks,
      );
    },
    async listPlaylistItems(q, hooks) {
      try {
        return await call(
          'playlistItems',
          {
            part: 'snippet,contentDetails',
            playlistId: q.playlistId,
            maxResults: String(MAX_RESULTS),
            pageToken: q.pageToken,
          },
          playlistItemListSchema,
          hooks,
        );
      } catch (error) {
        // A channel that has never uploaded has no uploads playlist: 404 playlistNotFound.
        if (error instanceof YouTubeApiError && error.status === 404) return null;
        throw error;
      }
    },
    listVideos(ids, hooks) {
      return call(
        'videos',
        { part: 'snippet,contentDetails,statistics,status', id: batch(ids) },
        videoListSchema,
        hooks,
      );
    },
    listVideoCategories(ids, hooks) {
      return call('videoCategories', { part: 'snippet', id: batch(ids) }, videoCategoryListSchema, hooks);
    },
  };
}
