import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ExplorerContext } from '../explorerContext.ts';
import { hostAllowed } from '../limits/hostAllowed.ts';
import type { StaticAsset } from '../staticAssets.ts';
import { answerReadiness } from './answerReadiness.ts';
import { exportCsv } from './exportCsv.ts';
import { BEARER_CHALLENGE, sendText } from './respond.ts';
import { serveAsset } from './serveAsset.ts';

/**
 * Every plain HTTP request. Health and readiness are open to anyone (the load balancer's checks
 * carry the task's IP as Host and no token); everything else must be addressed to a host this
 * explorer serves (421 otherwise) and, with sign-in on, carry a valid token (401).
 */
export async function handleHttpRequest(
  ctx: ExplorerContext,
  assets: ReadonlyMap<string, StaticAsset>,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://explorer.invalid');
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return sendText(response, 405, 'method not allowed', { allow: 'GET, HEAD' });
  }
  if (url.pathname === '/healthz') return sendText(response, 200, 'ok');
  if (url.pathname === '/readyz') return answerReadiness(ctx, response);
  if (!hostAllowed(request, ctx.hostNames)) {
    ctx.log.warn('request refused: host not served', { host: request.headers.host ?? null });
    return sendText(response, 421, 'this server does not serve that host');
  }
  const asset = url.pathname === '/export.csv' ? undefined : assets.get(url.pathname);
  if (url.pathname !== '/export.csv' && !asset) return sendText(response, 404, 'not found');
  const caller = await ctx.auth.authenticate(request);
  if (!caller.ok) {
    return sendText(response, caller.status, caller.message, caller.status === 401 ? BEARER_CHALLENGE : {});
  }
  if (asset) return serveAsset(request, response, url.pathname, asset);
  const work = exportCsv(ctx, url, request, response, caller.user);
  ctx.track(work);
  return work;
}
