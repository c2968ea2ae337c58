import { SessionStoreUnavailableError } from './errors.ts';
import type { Logger } from './log.ts';
import { memorySessionStore } from './memorySessionStore.ts';
import type { SessionRecord, SessionStore } from './sessionStore.ts';

/** The session store as connections use it: saves say whether another process could resume. */
export interface FallbackSessionStore extends Omit<SessionStore, 'save'> {
  /**
   * Saves to the configured store, or, when it fails, to this process's memory. `resumable` is
   * false in the second case: the session goes on here but cannot move to another process.
   */
  save(id: string, record: SessionRecord, ttlMs: number): Promise<{ resumable: boolean }>;
}

/**
 * Wraps the configured store so that its failure never stops a session: what cannot be saved to
 * it is kept in memory until it answers again. A record kept in memory is dropped from there once
 * the store takes a newer save. For a memory store this adds nothing.
 */
export function fallbackSessionStore(store: SessionStore, log: Logger): FallbackSessionStore {
  if (store.kind === 'memory') {
    return {
      ...store,
      kind: store.kind,
      save: (id, record, ttlMs) => store.save(id, record, ttlMs).then(() => ({ resumable: true })),
    };
  }
  const local = memorySessionStore();
  return {
    kind: store.kind,
    async load(id) {
      let found: SessionRecord | undefined;
      try {
        found = await store.load(id);
      } catch (error) {
        const kept = await local.load(id);
        if (kept) return kept;
        throw new SessionStoreUnavailableError(`the ${store.kind} session store did not answer`, {
          cause: error,
        });
      }
      return found ?? (await local.load(id));
    },
    async save(id, record, ttlMs) {
      try {
        await store.save(id, record, ttlMs);
        local.delete(id);
        return { resumable: true };
      } catch (error) {
        log.warn('session kept in memory: the session store failed', {
          sessionId: id,
          error: (error as Error).message,
        });
        await local.save(id, record, ttlMs);
        return { resumable: false };
      }
    },
    async touch(ids, ttlMs) {
      await local.touch(ids, ttlMs);
      await store.touch(ids, ttlMs);
    },
    ping: () => store.ping(),
    async close() {
      await Promise.all([store.close(), local.close()]);
    },
  };
}
