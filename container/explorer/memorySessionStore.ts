import type { SessionRecord, SessionStore } from './sessionStore.ts';

/** Sessions in this process's memory, swept once a minute after they expire. */
export function memorySessionStore(
  now: () => number = Date.now,
): SessionStore & { delete(id: string): void } {
  const records = new Map<string, { record: SessionRecord; expiresAt: number }>();
  const sweep = setInterval(() => {
    const t = now();
    for (const [id, entry] of records) if (entry.expiresAt <= t) records.delete(id);
  }, 60_000);
  sweep.unref();
  return {
    kind: 'memory',
    async load(id) {
      const entry = records.get(id);
      if (!entry || entry.expiresAt <= now()) return undefined;
      return entry.record;
    },
    async save(id, record, ttlMs) {
      records.set(id, { record, expiresAt: now() + ttlMs });
    },
    async touch(ids, ttlMs) {
      const expiresAt = now() + ttlMs;
      for (const id of ids) {
        const entry = records.get(id);
        if (entry) entry.expiresAt = expiresAt;
      }
    },
    async ping() {},
    delete(id) {
      records.delete(id);
    },
    async close() {
      clearInterval(sweep);
      records.clear();
    },
  };
}
