import type { CloudFrontRequest, CloudFrontRequestResult } from 'aws-lambda';
import { clearCookie, ID_TOKEN_COOKIE, readCookie, STATE_COOKIE, setCookie } from './cookies.ts';
import type { VerifiedIdToken } from './createTokenVerifier.ts';
import type { EdgeAuthConfig } from './edgeAuthConfig.ts';
import { exchangeCode } from './exchangeCode.ts';
import { newSignInAttempt } from './pkce.ts';
import { page, redirect, unauthorized } from './responses.ts';
import { routeViewerRequest } from './routeViewerRequest.ts';

/** Everything one request needs; the handler builds it once per configuration. */
export interface EdgeAuthContext {
  readonly config: EdgeAuthConfig;
  readonly verify: (token: string) => Promise<VerifiedIdToken | null>;
  /** The client secret, read only when a sign-in completes. */
  readonly clientSecret: () => Promise<string>;
  readonly fetch?: typeof fetch;
  readonly now?: () => number;
  readonly random?: (size: number) => Buffer;
}

/** Set on every request that passes, from CloudFront's own view of the client: a client cannot forge it. */
export const VIEWER_IP_HEADER = 'x-tubelens-viewer-ip';

// A sign-in must come back within 10 minutes (the IdP's page, a password, an MFA code).
const SIGN_IN_WINDOW_SECONDS = 600;

function header(request: CloudFrontRequest, name: string): string {
  return request.headers[name]?.[0]?.value ?? '';
}

/** A page load the browser can follow through the IdP; anything else (fetch, WebSocket) gets 401. */
function isNavigation(request: CloudFrontRequest): boolean {
  const mode = header(request, 'sec-fetch-mode');
  if (mode) return mode === 'navigate';
  return request.method === 'GET' && header(request, 'accept').includes('text/html');
}

/** Only a path on this site: `//evil.example` or `/\evil` would leave it (open redirect). */
function safeReturnPath(value: unknown): string {
  return typeof value === 'string' && /^\/(?![/\\])/.test(value) ? value : '/';
}

function bearerOrCookie(request: CloudFrontRequest): string | undefined {
  const auth = header(request, 'authorization');
  if (/^Bearer /i.test(auth)) return auth.slice(7).trim();
  return readCookie(request.headers, ID_TOKEN_COOKIE);
}

function startSignIn(request: CloudFrontRequest, ctx: EdgeAuthContext): CloudFrontRequestResult {
  const attempt = newSignInAttempt(ctx.random);
  const returnTo = request.querystring ? `${request.uri}?${request.querystring}` : request.uri;
  const state = Buffer.from(JSON.stringify({ s: attempt.state, v: attempt.verifier, r: returnTo })).toString(
    'base64url',
  );
  const url = new URL(ctx.config.authorizationEndpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: ctx.config.clientId,
    redirect_uri: `https://${header(request, 'host')}/auth/callback`,
    scope: ctx.config.scopes,
    state: attempt.state,
    code_challenge: attempt.challenge,
    code_challenge_method: 'S256',
  }).toString();
  return redirect(url.toString(), [setCookie(STATE_COOKIE, state, SIGN_IN_WINDOW_SECONDS, '/auth/callback')]);
}

async function finishSignIn(
  request: CloudFrontRequest,
  ctx: EdgeAuthContext,
): Promise<CloudFrontRequestResult> {
  const query = new URLSearchParams(request.querystring);
  const clearState = clearCookie(STATE_COOKIE, '/auth/callback');
  if (query.get('error')) {
    return page(403, 'Sign-in refused', `The sign-in service said: ${query.get('error')}.`, [clearState]);
  }
  let saved: { s?: unknown; v?: unknown; r?: unknown } = {};
  try {
    saved = JSON.parse(Buffer.from(readCookie(request.headers, STATE_COOKIE) ?? '', 'base64url').toString());
  } catch {
    // A missing or mangled state cookie is handled as a mismatch below.
  }
  const code = query.get('code');
  if (!code || typeof saved.v !== 'string' || saved.s !== query.get('state')) {
    return page(400, 'Sign-in expired', 'This sign-in was started elsewhere or too long ago.', [clearState]);
  }
  const idToken = await exchangeCode(
    ctx.config,
    {
      code,
      redirectUri: `https://${header(request, 'host')}/auth/callback`,
      codeVerifier: saved.v,
      clientSecret: await ctx.clientSecret(),
    },
    ctx.fetch,
  );
  const verified = await ctx.verify(idToken);
  if (!verified)
    return page(403, 'Sign-in refused', 'The identity provider sent a token that is not valid here.', [
      clearState,
    ]);
  const now = (ctx.now ?? Date.now)() / 1000;
  return redirect(safeReturnPath(saved.r), [
    setCookie(ID_TOKEN_COOKIE, idToken, verified.exp - now),
    clearState,
  ]);
}

function signOut(request: CloudFrontRequest, ctx: EdgeAuthContext): CloudFrontRequestResult {
  const cleared = [clearCookie(ID_TOKEN_COOKIE), clearCookie(STATE_COOKIE, '/auth/callback')];
  const back = `https://${header(request, 'host')}/auth/signed-out`;
  const { logoutEndpoint, logoutStyle, clientId } = ctx.config;
  if (!logoutEndpoint) return redirect(back, cleared);
  const url = new URL(logoutEndpoint);
  url.searchParams.set('client_id', clientId);
  url.searchParams.set(logoutStyle === 'cognito' ? 'logout_uri' : 'post_logout_redirect_uri', back);
  return redirect(url.toString(), cleared);
}

/**
 * The viewer-request decision for every path of the distribution: the edge's own /auth/* pages,
 * else a valid ID token (cookie or Bearer) or no entry. A request that passes is routed
 * (routeViewerRequest) and carries the viewer's address for the load balancer's rate rule.
 */
export async function authorizeViewerRequest(
  request: CloudFrontRequest,
  ctx: EdgeAuthContext,
): Promise<CloudFrontRequestResult> {
  if (request.uri === '/auth/callback') return finishSignIn(request, ctx);
  if (request.uri === '/auth/sign-out') return signOut(request, ctx);
  if (request.uri === '/auth/signed-out') return page(200, 'Signed out', 'You are signed out of tubelens.');
  const token = bearerOrCookie(request);
  const verified = token ? await ctx.verify(token) : null;
  if (!verified) return isNavigation(request) ? startSignIn(request, ctx) : unauthorized();
  request.headers[VIEWER_IP_HEADER] = [{ key: 'X-Tubelens-Viewer-Ip', value: request.clientIp }];
  request.uri = routeViewerRequest(request.uri);
  return request;
}
