import { randomBytes } from 'node:crypto';
import { DataApiError } from './errors.ts';
import type { RawSession } from './rawBackend.ts';

export interface Clock {
  now(): number;
}

/** The causes AWS appends to "Transaction <id> isn't found" (data-api.troubleshooting). */
const CAUSES = {
  unknown: 'Transaction may be expired.',
  expired: 'Transaction may be expired.',
  ended: 'A previous call resulted in the termination of your transaction.',
  aborted: 'Transaction aborted due to an error from a previous call.',
} as const;
type EndReason = keyof typeof CAUSES;

interface Entry {
  readonly id: string;
  readonly session: RawSession;
  readonly startedAt: number;
  lastUsedAt: number;
  busy: boolean;
}

// Remember this many ended ids, so a late call can be told why its transaction is gone.
const TOMBSTONES = 10_000;

/** Open Data API transactions by id: idle expiry, one call at a time, and why an id is gone. */
export class TransactionRegistry {
  readonly #open = new Map<string, Entry>();
  readonly #ended = new Map<string, EndReason>();
  readonly #clock: Clock;
  readonly #idleMs: number;
  readonly #maxMs: number;

  constructor(clock: Clock, idleMs: number, maxMs: number) {
    this.#clock = clock;
    this.#idleMs = idleMs;
    this.#maxMs = maxMs;
  }

  get size() {
    return this.#open.size;
  }

  /** Registers a new transaction; ids are 184 characters, the length AWS hands out. */
  add(session: RawSession): string {
    const id = randomBytes(138).toString('base64');
    const now = this.#clock.now();
    this.#open.set(id, { id, session, startedAt: now, lastUsedAt: now, busy: false });
    return id;
  }

  #notFound(id: string): DataApiError {
    const cause = CAUSES[this.#ended.get(id) ?? 'unknown'];
    return new DataApiError('TransactionNotFoundException', `Transaction ${id} isn't found. ${cause}`);
  }

  #get(id: string): Entry {
    const entry = this.#open.get(id);
    if (!entry) throw this.#notFound(id);
    if (entry.busy) {
      // Aurora Serverless v2 answers at once rather than queueing (data-api.troubleshooting).
      throw new DataApiError('DatabaseErrorException', 'Transaction is still running a query');
    }
    return entry;
  }

  /** Runs one call on the transaction. Any failure aborts it, as on AWS, unless `keepOnError`. */
  async use<T>(id: string, fn: (session: RawSession) => Promise<T>, keepOnError = () => false): Promise<T> {
    const entry = this.#get(id);
    entry.busy = true;
    try {
      return await fn(entry.session);
    } catch (error) {
      if (!keepOnError()) {
        this.#forget(entry.id, 'aborted');
        await entry.session.rollback().catch(() => {});
      }
      throw error;
    } finally {
      entry.busy = false;
      entry.lastUsedAt = this.#clock.now();
    }
  }

  /** Marks a call as running until `done` settles (continueAfterTimeout keeps statements going). */
  holdUntil(id: string, done: Promise<unknown>) {
    const entry = this.#open.get(id);
    if (!entry) return;
    entry.busy = true;
    done
      .catch(() => {})
      .finally(() => {
        entry.busy = false;
        entry.lastUsedAt = this.#clock.now();
      });
  }

  /** Removes the transaction for Commit/Rollback and hands its session over. */
  end(id: string): RawSession {
    const entry = this.#get(id);
    this.#forget(id, 'ended');
    return entry.session;
  }

  #forget(id: string, reason: EndReason) {
    this.#open.delete(id);
    this.#ended.set(id, reason);
    if (this.#ended.size > TOMBSTONES) this.#ended.delete(this.#ended.keys().next().value!);
  }

  /** Rolls back transactions idle for 3 minutes (or open for 24 hours). */
  async sweep(): Promise<number> {
    const now = this.#clock.now();
    const expired = [...this.#open.values()].filter(
      (e) => !e.busy && (now - e.lastUsedAt > this.#idleMs || now - e.startedAt > this.#maxMs),
    );
    for (const entry of expired) {
      this.#forget(entry.id, 'expired');
      await entry.session.rollback().catch(() => {});
    }
    return expired.length;
  }

  /** Rolls back everything still open (server shutdown). */
  async closeAll() {
    const all = [...this.#open.values()];
    for (const entry of all) this.#forget(entry.id, 'expired');
    await Promise.all(all.map((e) => e.session.rollback().catch(() => {})));
  }
}
