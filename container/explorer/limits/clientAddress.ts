import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';

/**
 * The IPv6 /64 of an address: one subscriber gets a whole /64, so counting single IPv6 addresses
 * would let one client open 2^64 "clients".
 */
function ipv6Prefix64(address: string): string {
  const bare = address.split('%')[0]!;
  const [head = '', tail] = bare.split('::');
  const groupsOf = (part: string) =>
    part ? part.split(':').flatMap((g) => (g.includes('.') ? ['0', '0'] : [g])) : [];
  const h = groupsOf(head);
  const t = tail === undefined ? [] : groupsOf(tail);
  const groups =
    tail === undefined ? h : [...h, ...Array(Math.max(0, 8 - h.length - t.length)).fill('0'), ...t];
  return `${groups
    .slice(0, 4)
    .map((g) => Number.parseInt(g, 16).toString(16))
    .join(':')}::/64`;
}

/** One key per client: IPv4 as is (IPv4-mapped IPv6 unmapped), IPv6 by /64, anything else verbatim. */
export function clientKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  return isIP(address) === 6 ? ipv6Prefix64(address) : address;
}

/**
 * The client a request comes from. With no trusted proxy it is the socket's peer. Behind
 * `trustedProxyHops` proxies that each append the address they saw to X-Forwarded-For (an ALB: 1;
 * CloudFront then an ALB: 2), it is the entry the outermost of them appended; entries before it
 * are whatever the client sent, and a client could put anything there.
 */
export function clientAddress(request: IncomingMessage, trustedProxyHops: number): string {
  const peer = request.socket.remoteAddress ?? 'unknown';
  if (trustedProxyHops <= 0) return clientKey(peer);
  const header = request.headers['x-forwarded-for'];
  const entries = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (!entries.length) return clientKey(peer);
  return clientKey(entries[Math.max(0, entries.length - trustedProxyHops)]!);
}
