import { z } from 'zod';
import { viewStateSchema } from '../shared/viewState.ts';

/** What survives a dropped connection: the state and the export token of one session. */
export const sessionRecordSchema = z.object({
  v: z.literal(1),
  state: viewStateSchema,
  exportToken: z.string(),
  createdAt: z.number(),
  /** With sign-in on, the `sub` of the user who opened it: nobody else may resume or export it. */
  owner: z.string().optional(),
});
export type SessionRecord = z.infer<typeof sessionRecordSchema>;

/**
 * Where sessions live between connections. `memorySessionStore` keeps them in this process (a
 * reconnect must come back to it); `redisSessionStore` keeps them in Redis, so any process that
 * shares the Redis resumes them. Records expire `ttlMs` after their last save or touch. Every
 * method rejects (soon: adapters bound their waits) when the store cannot answer.
 */
export interface SessionStore {
  readonly kind: 'memory' | 'redis';
  load(id: string): Promise<SessionRecord | undefined>;
  save(id: string, record: SessionRecord, ttlMs: number): Promise<void>;
  /** Extends the lifetime of records still in use. */
  touch(ids: readonly string[], ttlMs: number): Promise<void>;
  /** Resolves when the store answers (for /readyz). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Whether a record may be opened or exported by `subject` (the signed-in user's `sub`, undefined
 * with sign-in off): a record opened signed in belongs to that user alone, and one opened without
 * sign-in cannot be taken over by signing in.
 */
export function recordOwnedBy(record: SessionRecord, subject: string | undefined): boolean {
  return record.owner === subject;
}
