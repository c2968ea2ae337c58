import { type OutgoingHttpHeaders, type ServerResponse, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { SECURITY_HEADERS } from '../securityHeaders.ts';

/** A plain-text answer with the security headers. */
export function sendText(
  response: ServerResponse,
  status: number,
  text: string,
  headers: OutgoingHttpHeaders = {},
): void {
  response.writeHead(status, {
    ...SECURITY_HEADERS,
    'content-type': 'text/plain; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  response.end(text);
}

/** Refuses a WebSocket upgrade with an HTTP status (the socket is not a ServerResponse yet). */
export function refuseUpgrade(
  socket: Duplex,
  status: number,
  text: string = STATUS_CODES[status] ?? '',
  headers: Record<string, string> = {},
): void {
  const extra = Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(text)}\r\n${extra}\r\n${text}`,
  );
}

/** RFC 6750: a 401 names the scheme the client should use. */
export const BEARER_CHALLENGE = { 'www-authenticate': 'Bearer realm="tubelens", error="invalid_token"' };
