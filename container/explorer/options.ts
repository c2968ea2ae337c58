/** Everything an explorer process can be tuned with, each default documented where it is set. */
export interface ExplorerLimits {
  /** How long a disconnected session can come back (a reconnect, a deploy). */
  readonly resumeWindowMs: number;
  /** ALB drops idle WebSockets after 60 s by default; ping every 25 s keeps them open. */
  readonly pingIntervalMs: number;
  /** Live sessions one process accepts before upgrades get 503. */
  readonly maxSessions: number;
  /** Largest message the server reads; a view patch is well under 2 KB. */
  readonly maxMessageBytes: number;
  /** Sustained messages per second per session (typing in the title box sends ~5). */
  readonly ratePerSecond: number;
  /** Messages a session may send at once before the rate applies. */
  readonly rateBurst: number;
  /** On SIGTERM, how long in-flight work may run before the process exits anyway (ECS waits 30 s). */
  readonly drainTimeoutMs: number;
}

export const DEFAULT_LIMITS: ExplorerLimits = Object.freeze({
  resumeWindowMs: 5 * 60_000,
  pingIntervalMs: 25_000,
  maxSessions: 2000,
  maxMessageBytes: 16 * 1024,
  ratePerSecond: 20,
  rateBurst: 40,
  drainTimeoutMs: 20_000,
});

/** Per-statement timeout: an ad hoc question that takes longer is narrowed, not waited for. */
export const DEFAULT_STATEMENT_TIMEOUT_MS = 5000;
/** Warm connections per process; 50 active sessions share 10 with room to spare. */
export const DEFAULT_POOL_SIZE = 10;
