import http from 'node:http';
import net from 'node:net';

export interface PartialDownload {
  /** The status line's code. */
  readonly status: number;
  /** Bytes of body received before the client stopped. */
  readonly bytes: number;
  /** Resolves when the server has closed the connection (or it was closed here). */
  readonly closed: Promise<void>;
  /** Drops the connection (a user cancelling the download, a tab closed). */
  abort(): void;
}

/**
 * Starts a download and stops after the first chunk of body: `abort` then drops it; left alone,
 * the client reads nothing more (a stalled download: the socket stays open, its buffers fill).
 */
export function partialDownload(url: string, headers: Record<string, string> = {}): Promise<PartialDownload> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { headers, agent: false }, (response) => {
      const closed = new Promise<void>((done) => response.socket.once('close', () => done()));
      response.once('data', (chunk: Buffer) => {
        response.pause();
        resolve({
          status: response.statusCode ?? 0,
          bytes: chunk.length,
          closed,
          abort: () => request.destroy(),
        });
      });
      response.once('end', () => reject(new Error(`the whole body arrived (${response.statusCode})`)));
    });
    request.once('error', (error) => reject(error));
  });
}

/**
 * Sends a GET and never reads the answer: the socket stays open and only the kernel's buffers
 * (which do not grow for a reader that takes nothing) hold what the server writes. Returns the
 * socket's closer.
 */
export function stalledDownload(url: string): Promise<{ abort(): void }> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: target.hostname, port: Number(target.port) }, () => {
      socket.pause();
      socket.write(
        `GET ${target.pathname}${target.search} HTTP/1.1\r\nHost: ${target.host}\r\nConnection: close\r\n\r\n`,
      );
      resolve({ abort: () => socket.destroy() });
    });
    socket.once('error', reject);
  });
}
