import { Redis } from 'ioredis';
import { type SessionRecord, type SessionStore, sessionRecordSchema } from './sessionStore.ts';

export interface RedisSessionStoreOptions {
  readonly url: string;
  /** Key prefix, so several deployments (or test runs) can share one Redis. */
  readonly prefix?: string;
}

/**
 * Sessions in Redis: one JSON string per session with a PX expiry, so a session started on one
 * explorer process resumes on any other that shares the Redis (a deploy or scale-in loses nothing).
 */
export function redisSessionStore(options: RedisSessionStoreOptions): SessionStore {
  const prefix = options.prefix ?? 'tubelens:explorer:session:';
  const redis = new Redis(options.url, {
    // Fail a command after 3 reconnect attempts instead of queueing it forever.
    maxRetriesPerRequest: 3,
    enableAutoPipelining: true,
    lazyConnect: false,
  });
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
      await pipeline.exec();
    },
    async close() {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
