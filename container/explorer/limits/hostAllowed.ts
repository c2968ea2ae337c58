import type { IncomingMessage } from 'node:http';

/**
 * Names that reach this machine only. A page that rebinds its own DNS name to 127.0.0.1 still
 * sends its own name as the Host, so answering loopback names alone is safe whatever the port.
 */
export const LOOPBACK_HOST_NAMES: ReadonlySet<string> = new Set(['localhost', '127.0.0.1', '[::1]']);

/** The host name of a Host header, lower case and without the port; undefined when malformed. */
export function hostNameOf(header: string | undefined): string | undefined {
  if (!header || !/^[^\s/?#@\\]+$/.test(header)) return undefined;
  return URL.parse(`http://${header}`)?.hostname || undefined;
}

/**
 * Whether a request is addressed to a host this server answers to: a loopback name, or one of
 * `names` (lower-case host names). Guards against DNS rebinding, where a page on another site
 * reaches a server through a name that now resolves to it.
 */
export function hostAllowed(request: IncomingMessage, names: ReadonlySet<string> = new Set()): boolean {
  const name = hostNameOf(request.headers.host);
  return name !== undefined && (LOOPBACK_HOST_NAMES.has(name) || names.has(name));
}

/** The names an explorer answers to: those of its allowed origins and its allowed hosts. */
export function allowedHostNames(origins: readonly string[], hosts: readonly string[]): ReadonlySet<string> {
  const names = new Set<string>();
  for (const origin of origins) names.add(new URL(origin).hostname);
  for (const host of hosts) {
    const name = hostNameOf(host);
    if (name) names.add(name);
  }
  return names;
}
