import type { CategoryOption } from '../shared/protocol.ts';
import type { LiveDatabase } from './liveDatabase.ts';
import type { Logger } from './log.ts';
import type { ExplorerLimits } from './options.ts';
import type { SessionConnection } from './sessionConnection.ts';
import type { SessionStore } from './sessionStore.ts';

/** What every connection of one explorer process shares. */
export interface ExplorerContext {
  readonly live: LiveDatabase;
  readonly store: SessionStore;
  readonly limits: ExplorerLimits;
  readonly log: Logger;
  /** Open connections on this process. */
  readonly connections: Set<SessionConnection>;
  /** Session id → the connection that has it open on this process. */
  readonly sessions: Map<string, SessionConnection>;
  /** Registers work that a drain must wait for. */
  track(work: Promise<unknown>): void;
  /** The category list, cached for a minute (it changes only when data is loaded). */
  cachedCategories(load: () => Promise<CategoryOption[]>): Promise<CategoryOption[]>;
}

export function explorerContext(
  parts: Pick<ExplorerContext, 'live' | 'store' | 'limits' | 'log'>,
  now: () => number = Date.now,
): ExplorerContext & { inflight: Set<Promise<unknown>> } {
  const inflight = new Set<Promise<unknown>>();
  let categories: { value: CategoryOption[]; at: number } | undefined;
  return {
    ...parts,
    connections: new Set(),
    sessions: new Map(),
    inflight,
    track(work) {
      const settled = work.then(
        () => {},
        () => {},
      );
      inflight.add(settled);
      settled.then(() => inflight.delete(settled));
    },
    async cachedCategories(load) {
      if (categories && now() - categories.at < 60_000) return categories.value;
      const value = await load();
      categories = { value, at: now() };
      return value;
    },
  };
}
