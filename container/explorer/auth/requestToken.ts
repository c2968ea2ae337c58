import type { IncomingMessage } from 'node:http';

/** The cookie the edge's sign-in flow sets (AUTH contract). */
export const ID_TOKEN_COOKIE = 'tubelens_id_token';

/** The value of one cookie of a Cookie header (the first, when a name repeats). */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim() || undefined;
  }
  return undefined;
}

/** The caller's ID token: `Authorization: Bearer <jwt>` (API clients), else the sign-in cookie (browsers). */
export function requestToken(request: IncomingMessage): string | undefined {
  const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
  return bearer?.[1] ?? cookieValue(request.headers.cookie, ID_TOKEN_COOKIE);
}
