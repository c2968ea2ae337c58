import type { ServerResponse } from 'node:http';
import { ClientGoneError } from '../errors.ts';
import { SECURITY_HEADERS } from '../securityHeaders.ts';

/** The streamed body of a download, with its abort path. */
export interface CsvResponse {
  /**
   * Sends a chunk (the headers go with the first). Resolves when the client can take more;
   * rejects with ClientGoneError when it went away or took nothing for the stall timeout.
   */
  write(chunk: string): Promise<void>;
  /** Aborted when the client goes away or stalls: the work behind the download stops. */
  readonly signal: AbortSignal;
  /** Whether the 200 and the first chunk have gone out (after that, a failure can only cut the stream). */
  readonly started: boolean;
}

/**
 * Wraps a response for a long download. A closed response never emits `drain`, so waiting for it
 * alone would hold the cursor and its pooled connection for good: every wait also ends on `close`
 * and after `stallMs` without progress, and then the signal aborts and the response is destroyed.
 */
export function csvResponse(response: ServerResponse, filename: string, stallMs: number): CsvResponse {
  const controller = new AbortController();
  let started = false;
  const gone = (why: string) => {
    if (!controller.signal.aborted) controller.abort(new ClientGoneError(why));
    response.destroy();
  };
  response.once('close', () => {
    if (!response.writableFinished) gone('the client closed the download');
  });
  response.once('error', () => gone('the download failed'));
  return {
    signal: controller.signal,
    get started() {
      return started;
    },
    write(chunk) {
      if (controller.signal.aborted) return Promise.reject(controller.signal.reason);
      if (!started) {
        started = true;
        response.writeHead(200, {
          ...SECURITY_HEADERS,
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': `attachment; filename="${filename}"`,
          'cache-control': 'no-store',
        });
      }
      if (response.write(chunk)) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const stall = setTimeout(() => gone(`the client took nothing for ${stallMs} ms`), stallMs);
        const done = () => {
          clearTimeout(stall);
          response.off('drain', done);
          controller.signal.removeEventListener('abort', done);
          if (controller.signal.aborted) reject(controller.signal.reason);
          else resolve();
        };
        response.on('drain', done);
        controller.signal.addEventListener('abort', done);
      });
    },
  };
}
