// The explorer process: `node dist/server.js` in the container (see Dockerfile). Configuration
// comes from the environment (explorer/readConfig.ts); logs are JSON lines on stdout.
import { fileURLToPath } from 'node:url';
import { jsonLogger } from './explorer/log.ts';
import { memorySessionStore } from './explorer/memorySessionStore.ts';
import { openLiveDatabase } from './explorer/openLiveDatabase.ts';
import { readConfig } from './explorer/readConfig.ts';
import { redisSessionStore } from './explorer/redisSessionStore.ts';
import type { SessionStore } from './explorer/sessionStore.ts';
import { startExplorer } from './explorer/startExplorer.ts';

/** ECS sends SIGKILL 30 s after SIGTERM; exit by 25 s whatever happens. */
const EXIT_DEADLINE_MS = 25_000;
/** How long start-up waits for the session store to answer (Redis connects in milliseconds). */
const STORE_WAIT_MS = 3000;

async function storeAnswers(store: SessionStore, waitMs: number): Promise<boolean> {
  const until = performance.now() + waitMs;
  for (;;) {
    try {
      await store.ping();
      return true;
    } catch {
      if (performance.now() > until) return false;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

const bootLog = jsonLogger('info');
let config: ReturnType<typeof readConfig>;
try {
  config = readConfig(process.env);
} catch (error) {
  bootLog.error('bad configuration', { error: (error as Error).message });
  process.exit(2);
}
const log = jsonLogger(config.logLevel);
process.on('uncaughtException', (error) => {
  log.error('uncaught exception', { error });
  process.exit(1);
});
process.on('unhandledRejection', (error) => {
  log.error('unhandled rejection', { error });
  process.exit(1);
});

const database = await openLiveDatabase(config);
log.info('live pool opened', { readerHost: config.readerHost ?? null, poolSize: config.poolSize });
const { live } = database;
const store = config.redisUrl
  ? redisSessionStore({
      url: config.redisUrl,
      timeoutMs: config.redisTimeoutMs,
      ...(config.redisPrefix ? { prefix: config.redisPrefix } : {}),
    })
  : memorySessionStore();
// Commands fail fast while Redis connects (no offline queue): give it a moment before serving,
// and serve anyway (sessions in memory, /readyz 503) if it does not come.
if (!(await storeAnswers(store, STORE_WAIT_MS)))
  log.warn('the session store does not answer yet', { sessions: store.kind });
if (config.auth.mode === 'none' && !['127.0.0.1', '::1', 'localhost'].includes(config.host)) {
  log.warn(
    'sign-in is off: anyone who can reach this port can query and export (EXPLORER_AUTH=jwt turns it on)',
  );
}
const explorer = await startExplorer({
  live,
  store,
  assetsDir: fileURLToPath(new URL('./public/', import.meta.url)),
  port: config.port,
  host: config.host,
  allowedOrigins: config.allowedOrigins,
  allowedHosts: config.allowedHosts,
  trustedProxyHops: config.trustedProxyHops,
  auth: config.auth,
  limits: config.limits,
  statementTimeoutMs: config.statementTimeoutMs,
  ...(config.siteUrl ? { siteUrl: config.siteUrl } : {}),
  log,
});

let stopping = false;
const stop = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  log.info('shutting down', { signal });
  setTimeout(() => {
    log.error('shutdown took too long; exiting', { deadlineMs: EXIT_DEADLINE_MS });
    process.exit(1);
  }, EXIT_DEADLINE_MS).unref();
  await explorer.close();
  await Promise.allSettled([store.close(), live.close()]);
  await database.close();
  log.info('stopped');
  process.exit(0);
};
process.on('SIGTERM', () => void stop('SIGTERM'));
// Diagnostics: SIGUSR2 logs memory use and the session count (after a full GC when the process
// was started with --expose-gc, as the benchmark does).
process.on('SIGUSR2', () => {
  (globalThis as { gc?: () => void }).gc?.();
  const { rss, heapTotal, heapUsed, external, arrayBuffers } = process.memoryUsage();
  log.info('memory', { rss, heapTotal, heapUsed, external, arrayBuffers, ...explorer.stats() });
});
process.on('SIGINT', () => void stop('SIGINT'));
