import type { ExplorerContext } from './explorerContext.ts';

/**
 * Stops taking new sessions and exports (/readyz answers 503 from now on; the listener stays
 * open so the load balancer's checks get that answer rather than a refused connection), waits
 * for in-flight work up to the drain timeout, tells every client to reconnect elsewhere and closes
 * its socket with 1012, then waits for what that started.
 */
export async function drainExplorer(ctx: ExplorerContext): Promise<void> {
  ctx.draining = true;
  ctx.log.info('draining', { connections: ctx.connections.size });
  const deadline = new Promise((resolve) => setTimeout(resolve, ctx.limits.drainTimeoutMs).unref());
  const settle = async () => {
    // Work can start more work (a message starts a view): wait until nothing is left.
    while (ctx.inflight.size) await Promise.all([...ctx.inflight]);
    await Promise.all([...ctx.connections].map((c) => c.settled()));
  };
  await Promise.race([settle(), deadline]);
  for (const connection of [...ctx.connections]) {
    connection.socket.send(
      JSON.stringify({
        v: 1,
        type: 'reconnect',
        reason: 'this server is shutting down; your session resumes elsewhere',
      }),
    );
    connection.close(1012, 'server restarting');
  }
  await Promise.race([settle(), deadline]);
  ctx.log.info('drained');
}
