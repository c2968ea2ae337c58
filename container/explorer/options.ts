/** Everything an explorer process can be tuned with, each default documented where it is set. */
export interface ExplorerLimits {
  /** How long a disconnected session can come back (a reconnect, a deploy). */
  readonly resumeWindowMs: number;
  /** ALB drops idle WebSockets after 60 s by default; ping every 25 s keeps them open. */
  readonly pingIntervalMs: number;
  /** Live sessions one process accepts before upgrades get 503. */
  readonly maxSessions: number;
  /** Open sockets one client address may hold; past it upgrades get 429. */
  readonly maxSessionsPerClient: number;
  /** A socket that has not sent `hello` by then is closed (it holds a session slot for nothing). */
  readonly helloTimeoutMs: number;
  /** Largest message the server reads; a view patch is well under 2 KB. */
  readonly maxMessageBytes: number;
  /** Sustained messages per second per session (typing in the title box sends ~5). */
  readonly ratePerSecond: number;
  /** Messages a session may send at once before the rate applies. */
  readonly rateBurst: number;
  /** CSV exports running at once on this process; each holds a pooled connection, so keep it below the pool. */
  readonly maxExports: number;
  /** CSV exports running at once from one client address. */
  readonly maxExportsPerClient: number;
  /** CSV exports one client address may start a minute (a burst of as many, then that rate). */
  readonly exportsPerMinute: number;
  /** Largest selection an export streams; a bigger one is refused up front (413). */
  readonly exportMaxRows: number;
  /** An export whose client takes no data for this long is cut and its connection released. */
  readonly exportStallMs: number;
  /** /readyz fails when the pool cannot hand out a connection (or the store answer) within this. */
  readonly readyTimeoutMs: number;
  /** On SIGTERM, how long in-flight work may run before the process exits anyway (ECS waits 30 s). */
  readonly drainTimeoutMs: number;
}

export const DEFAULT_LIMITS: ExplorerLimits = Object.freeze({
  resumeWindowMs: 5 * 60_000,
  pingIntervalMs: 25_000,
  maxSessions: 2000,
  // An office behind one NAT address shares this: 50 tabs is a large team, and 40 such addresses
  // are needed to fill a process.
  maxSessionsPerClient: 50,
  // The page sends hello as soon as the socket opens; 5 s covers a slow phone.
  helloTimeoutMs: 5000,
  maxMessageBytes: 16 * 1024,
  ratePerSecond: 20,
  rateBurst: 40,
  // Under half of the default pool of 10, so views always find a connection.
  maxExports: 4,
  maxExportsPerClient: 2,
  exportsPerMinute: 10,
  // 100,000 rows is about 15 MB of CSV: more than a spreadsheet user reads, less than a scrape.
  exportMaxRows: 100_000,
  // A browser saving a file takes data continuously; 15 s without progress is a stalled client.
  exportStallMs: 15_000,
  // The ALB's health check waits 5 s; answer well inside it.
  readyTimeoutMs: 2000,
  drainTimeoutMs: 20_000,
});

/** Per-statement timeout: an ad hoc question that takes longer is narrowed, not waited for. */
export const DEFAULT_STATEMENT_TIMEOUT_MS = 5000;
/** Warm connections per process; 50 active sessions share 10 with room to spare. */
export const DEFAULT_POOL_SIZE = 10;
/**
 * Longest wait for one Redis command. Redis answers in well under a millisecond in the same AZ;
 * past this the session store is treated as down and the session carries on in memory.
 */
export const DEFAULT_REDIS_TIMEOUT_MS = 500;
