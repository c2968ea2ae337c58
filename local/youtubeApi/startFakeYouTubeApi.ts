import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { listResponse } from './buildResources.ts';
import type { FakeYouTubeData } from './FakeYouTubeData.ts';

/** An injected failure for the next matching requests. */
export interface Fault {
  /** Resource to fail ('channels', 'playlistItems', 'videos', 'videoCategories'); all when absent. */
  resource?: string;
  /** HTTP status to answer with (e.g. 503), or 'network' to drop the connection. */
  status: number | 'network';
  /** Error body; an API-style one with `reason` is built when absent. */
  body?: unknown;
  reason?: string;
  /** How many requests fail; default 1. */
  times?: number;
}

export interface FakeYouTubeApiOptions {
  data: FakeYouTubeData;
  /** The key requests must carry (x-goog-api-key header or key= parameter). */
  apiKey: string;
  port?: number;
  /** Units served before answering 403 quotaExceeded; default 10,000 like the real API. */
  quotaLimit?: number;
  /** Page size cap as the API has it. */
  maxResults?: number;
}

export interface FakeRequest {
  readonly resource: string;
  readonly params: Record<string, string>;
  readonly status: number | 'network';
}

export interface FakeYouTubeApi {
  /** Root URL to use as YOUTUBE_API_BASE_URL. */
  readonly url: string;
  /** Units charged so far (one per request that carried a valid key, like the real API). */
  readonly unitsUsed: number;
  /** Every request, in order. */
  readonly requests: readonly FakeRequest[];
  quotaLimit: number;
  /** A new quota day: the unit count starts again at 0. */
  resetQuota(): void;
  /** Queues a failure for the next matching requests. */
  fail(fault: Fault): void;
  close(): Promise<void>;
}

const QUOTA_BODY = {
  error: {
    code: 403,
    message:
      'The request cannot be completed because you have exceeded your <a href="/youtube/v3/getting-started#quota">quota</a>.',
    errors: [
      {
        message:
          'The request cannot be completed because you have exceeded your <a href="/youtube/v3/getting-started#quota">quota</a>.',
        domain: 'youtube.quota',
        reason: 'quotaExceeded',
      },
    ],
  },
};

// The body the real API sends for a wrong key (tests/fixtures/youtube-api/error__400_keyInvalid.json).
const KEY_INVALID_BODY = {
  error: {
    errors: [{ domain: 'usageLimits', reason: 'keyInvalid', message: 'Bad Request' }],
    code: 400,
    message: 'Bad Request',
  },
};

const apiError = (code: number, reason: string, message: string) => ({
  error: { code, message, errors: [{ message, domain: 'global', reason }] },
});

class HttpError extends Error {
  readonly status: number;
  readonly body: unknown;
  constructor(status: number, reason: string, message: string) {
    super(message);
    this.status = status;
    this.body = apiError(status, reason, message);
  }
}

const pick = (resource: Record<string, unknown>, parts: Set<string>) => {
  const out: Record<string, unknown> = { kind: resource.kind, etag: resource.etag, id: resource.id };
  for (const p of parts) if (p in resource) out[p] = resource[p];
  return out;
};

const offsetToken = (offset: number) => Buffer.from(`offset:${offset}`).toString('base64url');
const tokenOffset = (token: string) => {
  const m = /^offset:(\d+)$/.exec(Buffer.from(token, 'base64url').toString());
  if (!m) throw new HttpError(400, 'invalidPageToken', 'The request specifies an invalid page token.');
  return Number(m[1]);
};

/**
 * A local stand-in for the YouTube Data API v3 (the four list methods the ingest uses) on
 * loopback: checks the key, charges 1 unit a request and answers quotaExceeded past the limit,
 * pages with tokens, returns only the requested parts, and fails on demand (5xx, dropped
 * connections, any error body).
 */
export async function startFakeYouTubeApi(options: FakeYouTubeApiOptions): Promise<FakeYouTubeApi> {
  const { data } = options;
  const maxResults = options.maxResults ?? 50;
  let unitsUsed = 0;
  const requests: FakeRequest[] = [];
  const faults: Fault[] = [];

  const params = (url: URL) => Object.fromEntries(url.searchParams.entries());
  const parts = (p: Record<string, string>) => {
    if (!p.part) throw new HttpError(400, 'required', 'Required parameter: part');
    return new Set(p.part.split(','));
  };
  const ids = (p: Record<string, string>) => {
    const list = (p.id ?? '').split(',').filter(Boolean);
    if (list.length > maxResults) throw new HttpError(400, 'invalidValue', `at most ${maxResults} ids`);
    return list;
  };
  const pageSize = (p: Record<string, string>) => {
    const n = p.maxResults === undefined ? 5 : Number(p.maxResults);
    if (!Number.isInteger(n) || n < 0 || n > maxResults) {
      throw new HttpError(
        400,
        'invalidValue',
        `Invalid value '${p.maxResults}'. Values must be within the range: [0, ${maxResults}]`,
      );
    }
    return n;
  };

  const handlers: Record<string, (p: Record<string, string>) => unknown> = {
    channels(p) {
      const wanted = parts(p);
      let list: string[];
      if (p.forHandle !== undefined) {
        const handle = p.forHandle.toLowerCase().replace(/^@?/, '@');
        list = [...data.channels.values()]
          .filter(
            (c) =>
              String((c.snippet as { customUrl?: string } | undefined)?.customUrl ?? '').toLowerCase() ===
              handle,
          )
          .map((c) => String(c.id));
      } else list = ids(p);
      const items = list.flatMap((id) => {
        const c = data.channels.get(id);
        return c ? [pick(c, wanted)] : [];
      });
      // The real API leaves `items` out when nothing matched.
      const body = listResponse('youtube#channelListResponse', items);
      if (items.length === 0) delete body.items;
      return body;
    },
    playlistItems(p) {
      const wanted = parts(p);
      const size = pageSize(p);
      if (!p.playlistId) throw new HttpError(400, 'required', 'Required parameter: playlistId');
      const recorded = data.recordedPlaylistPages.get(p.playlistId);
      if (recorded) {
        const index = p.pageToken ? recorded.findIndex((page) => page.nextPageToken === p.pageToken) + 1 : 0;
        const page = recorded[index];
        if (index === 0 && p.pageToken)
          throw new HttpError(400, 'invalidPageToken', 'The request specifies an invalid page token.');
        return page;
      }
      const items = data.playlists.get(p.playlistId);
      if (!items) {
        throw new HttpError(
          404,
          'playlistNotFound',
          "The playlist identified with the request's <code>playlistId</code> parameter cannot be found.",
        );
      }
      const offset = p.pageToken ? tokenOffset(p.pageToken) : 0;
      const end = offset + size;
      return listResponse(
        'youtube#playlistItemListResponse',
        items.slice(offset, end).map((i) => pick(i, wanted)),
        {
          nextPageToken: end < items.length ? offsetToken(end) : undefined,
          prevPageToken: offset > 0 ? offsetToken(Math.max(0, offset - size)) : undefined,
          totalResults: items.length,
        },
      );
    },
    videos(p) {
      const wanted = parts(p);
      const items = ids(p).flatMap((id) => {
        const v = data.videos.get(id);
        return v ? [pick(v, wanted)] : [];
      });
      return listResponse('youtube#videoListResponse', items);
    },
    videoCategories(p) {
      const wanted = parts(p);
      const items = ids(p).flatMap((id) => {
        const c = data.categories.get(id);
        return c ? [pick(c, wanted)] : [];
      });
      return { kind: 'youtube#videoCategoryListResponse', etag: 'fake', items };
    },
  };

  const send = (res: ServerResponse, status: number, body: unknown) => {
    const text = JSON.stringify(body);
    res.writeHead(status, {
      'content-type': 'application/json; charset=UTF-8',
      'content-length': Buffer.byteLength(text),
    });
    res.end(text);
  };

  function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const match = /^\/youtube\/v3\/([A-Za-z]+)$/.exec(url.pathname);
    const resource = match?.[1] ?? '';
    const p = params(url);
    delete p.key;
    const record = (status: number | 'network') => requests.push({ resource, params: p, status });
    const handler = handlers[resource];
    if (req.method !== 'GET' || !handler) {
      record(404);
      return send(res, 404, apiError(404, 'notFound', `Not Found: ${req.method} ${url.pathname}`));
    }
    const key = req.headers['x-goog-api-key'] ?? url.searchParams.get('key');
    if (!key) {
      record(403);
      return send(res, 403, {
        error: {
          code: 403,
          message:
            "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.",
          errors: [
            { message: "Method doesn't allow unregistered callers.", domain: 'global', reason: 'forbidden' },
          ],
          status: 'PERMISSION_DENIED',
        },
      });
    }
    if (key !== options.apiKey) {
      record(400);
      return send(res, 400, KEY_INVALID_BODY);
    }
    if (unitsUsed >= api.quotaLimit) {
      record(403);
      return send(res, 403, QUOTA_BODY);
    }
    unitsUsed += 1;
    const fault = faults.find((f) => !f.resource || f.resource === resource);
    if (fault) {
      fault.times = (fault.times ?? 1) - 1;
      if (fault.times <= 0) faults.splice(faults.indexOf(fault), 1);
      record(fault.status);
      if (fault.status === 'network') {
        req.socket.destroy();
        return;
      }
      return send(
        res,
        fault.status,
        fault.body ?? apiError(fault.status, fault.reason ?? 'backendError', 'Backend Error'),
      );
    }
    try {
      const body = handler(p);
      record(200);
      send(res, 200, body);
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      record(error.status);
      send(res, error.status, error.body);
    }
  }

  const server = createServer((req, res) => {
    try {
      handle(req, res);
    } catch (error) {
      send(res, 500, apiError(500, 'backendError', (error as Error).message));
    }
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const api: FakeYouTubeApi = {
    url: `http://127.0.0.1:${port}`,
    get unitsUsed() {
      return unitsUsed;
    },
    requests,
    quotaLimit: options.quotaLimit ?? 10_000,
    resetQuota() {
      unitsUsed = 0;
    },
    fail(fault) {
      faults.push({ ...fault });
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
  return api;
}
