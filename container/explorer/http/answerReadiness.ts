import type { ServerResponse } from 'node:http';
import type { ExplorerContext } from '../explorerContext.ts';
import { sendText } from './respond.ts';

function within<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/**
 * /readyz, the load balancer's check: 200 only when this process can serve a new user now: not
 * draining, the pool hands out a working connection, and the session store answers, each within
 * the readiness timeout. 503 otherwise, with the reason.
 */
export async function answerReadiness(ctx: ExplorerContext, response: ServerResponse): Promise<void> {
  if (ctx.draining) return sendText(response, 503, 'draining');
  const timeoutMs = ctx.limits.readyTimeoutMs;
  const [database, store] = await Promise.allSettled([
    ctx.live.ping(timeoutMs),
    within(ctx.store.ping(), timeoutMs),
  ]);
  if (database.status === 'rejected') {
    ctx.log.warn('not ready: database', { error: (database.reason as Error).message });
    return sendText(response, 503, 'database pool busy or unreachable');
  }
  if (store.status === 'rejected') {
    ctx.log.warn('not ready: session store', { error: (store.reason as Error).message });
    return sendText(response, 503, 'session store unavailable');
  }
  sendText(response, 200, 'ready');
}
