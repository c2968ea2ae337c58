import { z } from 'zod';
import { viewStateSchema } from '../shared/viewState.ts';

/** What survives a dropped connection: the state and the export token of one session. */
export const sessionRecordSchema = z.object({
  v: z.literal(1),
  state: viewStateSchema,
  exportToken: z.string(),
  createdAt: z.number(),
});
export type SessionRecord = z.infer<typeof sessionRecordSchema>;

/**
 * Where sessions live between connections. `memorySessionStore` keeps them in this process (a
 * reconnect must come back to it); `redisSessionStore` keeps them in Redis, so any process that
 * shares the Redis resumes them. Records expire `ttlMs` after their last save or touch.
 */
export interface SessionStore {
  readonly kind: 'memory' | 'redis';
  load(id: string): Promise<SessionRecord | undefined>;
  save(id: string, record: SessionRecord, ttlMs: number): Promise<void>;
  /** Extends the lifetime of records still in use. */
  touch(ids: readonly string[], ttlMs: number): Promise<void>;
  close(): Promise<void>;
}
