import type { CloudFrontHeaders, CloudFrontResultResponse } from 'aws-lambda';

/** CloudFront wants `{ key, value }` lists; keys in lower case. Several Set-Cookie are allowed. */
function headers(entries: [string, string][]): CloudFrontHeaders {
  const out: CloudFrontHeaders = {};
  for (const [key, value] of entries) {
    const lower = key.toLowerCase();
    out[lower] = [...(out[lower] ?? []), { key, value }];
  }
  return out;
}

// Nothing the edge answers itself may be cached: each answer depends on the viewer's cookies.
const NO_STORE: [string, string] = ['Cache-Control', 'no-store'];

export function redirect(location: string, cookies: string[] = []): CloudFrontResultResponse {
  return {
    status: '302',
    statusDescription: 'Found',
    headers: headers([
      ['Location', location],
      NO_STORE,
      ...cookies.map((c): [string, string] => ['Set-Cookie', c]),
    ]),
  };
}

/** For requests a browser cannot follow through a sign-in (fetch, WebSocket upgrade, curl). */
export function unauthorized(): CloudFrontResultResponse {
  return {
    status: '401',
    statusDescription: 'Unauthorized',
    headers: headers([
      ['Content-Type', 'application/json'],
      ['WWW-Authenticate', 'Bearer realm="tubelens"'],
      NO_STORE,
    ]),
    body: JSON.stringify({ error: 'sign in first', signIn: '/' }),
  };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A small page of the edge's own (signed out, sign-in failed, sign-in unavailable). */
export function page(
  status: number,
  title: string,
  message: string,
  cookies: string[] = [],
): CloudFrontResultResponse {
  const body = `<!doctype html><html lang="en"><meta charset="utf-8"><title>${escapeHtml(title)}</title><body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p><p><a href="/">Sign in</a></p></body></html>`;
  return {
    status: String(status),
    statusDescription: title,
    headers: headers([
      ['Content-Type', 'text/html; charset=utf-8'],
      ['Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'"],
      NO_STORE,
      ...cookies.map((c): [string, string] => ['Set-Cookie', c]),
    ]),
    body,
  };
}
