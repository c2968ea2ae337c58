import type { WebSocket } from 'ws';
import type { SignedInUser } from '../auth/signedInUser.ts';
import type { PartKeys } from '../computeView.ts';
import type { SessionRecord } from '../sessionStore.ts';
import type { TokenBucket } from '../tokenBucket.ts';

/** Close codes of our own (4000-4999 are the application's). */
export const CLOSE_CODES = {
  /** The same session was opened on another connection. */
  replaced: 4000,
  /** The sign-in token the socket was opened with has expired: reload to sign in again. */
  signInExpired: 4001,
  /** No `hello` within the hello timeout. */
  noHello: 4008,
} as const;

/** What the rest of the explorer sees of one WebSocket connection. */
export interface SessionConnection {
  readonly socket: WebSocket;
  /** The session this connection has opened, once `hello` is done. */
  readonly sessionId: string | undefined;
  readonly record: SessionRecord | undefined;
  /** Set by the heartbeat, cleared by a pong. */
  alive: boolean;
  /** Resolves when every message received so far has been applied and saved. */
  settled(): Promise<void>;
  /** Stops acting on messages (drain) and closes with a reason. */
  close(code: number, reason: string): void;
}

/** One connection's state, shared by its message handlers (session/handle*.ts). */
export interface Connection extends SessionConnection {
  sessionId: string | undefined;
  record: SessionRecord | undefined;
  /** Who opened the socket (null with sign-in off). */
  readonly user: SignedInUser | null;
  /** The client address its socket counts against (limits/clientAddress.ts). */
  readonly client: string;
  readonly bucket: TokenBucket;
  /** The inputs of the parts last sent (only changed parts are recomputed). */
  sent: PartKeys;
  viewSeq: number;
  searchSeq: number;
  /** The view being computed; a newer one aborts it (latest wins). */
  inflight: AbortController | undefined;
  /** Messages are applied in order: each waits for the one before. */
  chain: Promise<void>;
  closed: boolean;
  lastRateError: number;
  /** What the client was last told about resuming elsewhere (welcome or a `session` message). */
  resumable: boolean;
}
