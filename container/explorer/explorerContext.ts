import type { CategoryOption } from '../shared/protocol.ts';
import type { Authenticator } from './auth/authenticator.ts';
import type { FallbackSessionStore } from './fallbackSessionStore.ts';
import type { ClientLimits } from './limits/clientLimits.ts';
import type { LiveDatabase } from './liveDatabase.ts';
import type { Logger } from './log.ts';
import type { ExplorerLimits } from './options.ts';
import type { SessionConnection } from './session/connection.ts';

/** What every request and connection of one explorer process shares. */
export interface ExplorerContext {
  readonly live: LiveDatabase;
  readonly store: FallbackSessionStore;
  readonly limits: ExplorerLimits;
  readonly log: Logger;
  readonly auth: Authenticator;
  /** Host names (besides loopback ones) requests may be addressed to. */
  readonly hostNames: ReadonlySet<string>;
  /** Origins whose pages may open a session, besides the explorer's own. */
  readonly allowedOrigins: readonly string[];
  /** X-Forwarded-For entries appended by trusted proxies (see clientAddress). */
  readonly trustedProxyHops: number;
  readonly clients: ClientLimits;
  /** Open connections on this process. */
  readonly connections: Set<SessionConnection>;
  /** Session id → the connection that has it open on this process. */
  readonly sessions: Map<string, SessionConnection>;
  /** Work a drain must wait for. */
  readonly inflight: Set<Promise<unknown>>;
  /** Set on SIGTERM: no new sessions or exports, /readyz answers 503. */
  draining: boolean;
  /** CSV exports streaming now on this process. */
  exportsRunning: number;
  /** Registers work that a drain must wait for. */
  track(work: Promise<unknown>): void;
  /** The category list, cached for a minute (it changes only when data is loaded). */
  cachedCategories(load: () => Promise<CategoryOption[]>): Promise<CategoryOption[]>;
}

type Parts = Omit<
  ExplorerContext,
  'connections' | 'sessions' | 'inflight' | 'draining' | 'exportsRunning' | 'track' | 'cachedCategories'
>;

export function explorerContext(parts: Parts, now: () => number = Date.now): ExplorerContext {
  const inflight = new Set<Promise<unknown>>();
  let categories: { value: CategoryOption[]; at: number } | undefined;
  return {
    ...parts,
    connections: new Set(),
    sessions: new Map(),
    inflight,
    draining: false,
    exportsRunning: 0,
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
