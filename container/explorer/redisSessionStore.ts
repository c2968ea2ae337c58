import { Redis } from 'ioredis';
import { DEFAULT_REDIS_TIMEOUT_MS } from './options.ts';
import { type SessionRecord, type SessionStore, sessionRecordSchema } from './sessionStore.ts';

export interface RedisSessionStoreOptions {
  readonly url: string;
  /** Key prefix, so several deployments (or test runs) can share one Redis. */
  readonly prefix?: string;
  /** Longest wait for one command (EXPLORER_REDIS_TIMEOUT_MS). */
  readonly timeoutMs?: number;
}

/**
 * Sessions in Redis: one JSON string per session with a PX expiry, so a session started on one
 * explorer process resumes on any other that shares the Redis (a deploy or scale-in loses nothing).
 *
 * Every command fails fast when Redis is down or hangs: no offline queue (a command while
 * disconnected fails at once instead of waiting for a reconnect), no retries of a command, and a
 * timeout on each. The caller then keeps the session in memory (fallbackSessionStore).
 */
export function redisSessionStore(options: RedisSessionStoreOptions): SessionStore {
  const prefix = options.prefix ?? 'tubelens:explorer:session:';
  const timeoutMs = options.timeoutMs ?? DEFAULT_REDIS_TIMEOUT_MS;
  const redis = new Redis(options.url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: timeoutMs,
    connectTimeout: Math.max(1000, timeoutMs),
    enableAutoPipelining: true,
    lazyConnect: false,
  });
  // Connection errors surface as failed commands; reconnecting goes on in the background.
  redis.on('error', () => {});
  return {
    kind: 'redis',
    async load(id) {
      const text = await redis.get(prefix + id);
      if (text === null) return undefined;
      const parsed = sessionRecordSchema.safeParse(JSON.parse(text));
      return parsed.success ? (parsed.data as SessionRecord) : undefined;
    },
    async save(id, record, ttlMs) {
      await redis.set(prefix + id, JSON.stringify(record), 'PX', Math.max(1, Math.round(ttlMs)));
    },
    async touch(ids, ttlMs) {
      if (!ids.length) return;
      const pipeline = redis.pipeline();
      for (const id of ids) pipeline.pexpire(prefix + id, Math.max(1, Math.round(ttlMs)));
      const results = await pipeline.exec();
      const failed = results?.find(([error]) => error);
      if (failed) throw failed[0];
    },
    async ping() {
      await redis.ping();
    },
    async close() {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
