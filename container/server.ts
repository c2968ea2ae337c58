// The explorer process: `node dist/server.js` in the container (see Dockerfile). Configuration
// comes from the environment (explorer/readConfig.ts); logs are JSON lines on stdout.
import { fileURLToPath } from 'node:url';
import { jsonLogger } from './explorer/log.ts';
import { memorySessionStore } from './explorer/memorySessionStore.ts';
import { openLiveDatabase } from './explorer/openLiveDatabase.ts';
import { readConfig } from './explorer/readConfig.ts';
import { redisSessionStore } from './explorer/redisSessionStore.ts';
import { startExplorer } from './explorer/startExplorer.ts';

/** ECS sends SIGKILL 30 s after SIGTERM; exit by 25 s whatever happens. */
const EXIT_DEADLINE_MS = 25_000;

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
const { live } = database;
const store = config.redisUrl
  ? redisSessionStore({ url: config.redisUrl, ...(config.redisPrefix ? { prefix: config.redisPrefix } : {}) })
  : memorySessionStore();
const explorer = await startExplorer({
  live,
  store,
  assetsDir: fileURLToPath(new URL('./public/', import.meta.url)),
  port: config.port,
  host: config.host,
  allowedOrigins: config.allowedOrigins,
  limits: config.limits,
  statementTimeoutMs: config.statementTimeoutMs,
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
