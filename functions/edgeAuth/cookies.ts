import type { CloudFrontHeaders } from 'aws-lambda';

/** The contract's cookie (coord AUTH-CONTRACT): the IdP's ID token, read by the explorer too. */
export const ID_TOKEN_COOKIE = 'tubelens_id_token';
/** The sign-in in progress: state, PKCE verifier and where to return, for /auth/callback only. */
export const STATE_COOKIE = 'tubelens_auth_state';

/** One cookie's value from the request's Cookie headers (CloudFront may pass several). */
export function readCookie(headers: CloudFrontHeaders, name: string): string | undefined {
  for (const header of headers.cookie ?? []) {
    for (const part of header.value.split(';')) {
      const at = part.indexOf('=');
      if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
    }
  }
  return undefined;
}

/** A Set-Cookie value: always HttpOnly, Secure and SameSite=Lax, as the contract fixes. */
export function setCookie(name: string, value: string, maxAgeSeconds: number, path = '/'): string {
  return `${name}=${value}; Path=${path}; Max-Age=${Math.max(0, Math.floor(maxAgeSeconds))}; HttpOnly; Secure; SameSite=Lax`;
}

export function clearCookie(name: string, path = '/'): string {
  return setCookie(name, '', 0, path);
}
