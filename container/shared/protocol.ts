/**
 * The explorer's WebSocket protocol, version 1. Every client message is JSON text validated here
 * before the server acts on it; the server answers a state change with the new view.
 *
 * Client → server: `hello` (first message: start or resume a session), `update` (change part of
 * the state), `searchChannels` (find channels to add). Server → client: `welcome`, `view`,
 * `channels`, `error`, `session` (whether the session can still move to another process),
 * `reconnect` (this process is shutting down: reconnect, the session resumes).
 */
import { z } from 'zod';
import { firstIssueMessage } from './issueMessage.ts';
import { type ViewState, viewStatePatchSchema } from './viewState.ts';

export const PROTOCOL_VERSION = 1;

/** Session ids are 128 random bits in base64url (22 characters); resuming needs the id. */
export const sessionIdSchema = z.string().regex(/^[A-Za-z0-9_-]{22,64}$/, 'not a session id');
const requestId = z.int().min(0).max(Number.MAX_SAFE_INTEGER);
const v = z.literal(PROTOCOL_VERSION);

export const clientMessageSchema = z.discriminatedUnion('type', [
  z
    .object({
      v,
      type: z.literal('hello'),
      id: requestId.optional(),
      sessionId: sessionIdSchema.optional(),
      /**
       * State from the address bar; when given it replaces the resumed session's state. Checked
       * by the session (an invalid link gets an `invalid_state` error, the session still opens).
       */
      state: z.unknown().optional(),
    })
    .strict(),
  z.object({ v, type: z.literal('update'), id: requestId.optional(), patch: viewStatePatchSchema }).strict(),
  z
    .object({
      v,
      type: z.literal('searchChannels'),
      id: requestId.optional(),
      // PostgreSQL text cannot hold NUL; other control characters are no channel's name either.
      query: z
        .string()
        .max(100)
        .refine((q) => ![...q].some((ch) => ch.charCodeAt(0) < 32), 'control characters are not allowed'),
    })
    .strict(),
]);

export type ClientMessage = z.infer<typeof clientMessageSchema>;

export type ErrorCode =
  | 'malformed'
  | 'unsupported_version'
  | 'invalid_message'
  | 'invalid_state'
  | 'too_large'
  | 'rate_limited'
  | 'hello_first'
  | 'already_started'
  | 'query_timeout'
  | 'internal';

export interface ChannelOption {
  readonly channelId: string;
  readonly title: string;
  readonly subscribers: number | null;
  readonly videos: number;
}

export interface CategoryOption {
  readonly categoryId: number;
  readonly title: string;
}

export interface CompareRow {
  readonly channelId: string;
  readonly title: string;
  readonly videos: number;
  readonly totalViews: number;
  readonly medianViews: number;
  readonly medianDuration: number | null;
}

/** One video on the scatter: publish time (ms since epoch) against views. */
export interface ScatterPoint {
  readonly videoId: string;
  readonly channelId: string;
  readonly publishedAt: number;
  readonly views: number;
}

export interface TableRow {
  readonly videoId: string;
  readonly title: string;
  readonly channelId: string;
  readonly channelTitle: string;
  readonly publishedAt: string;
  readonly durationSeconds: number | null;
  readonly category: string | null;
  readonly views: number | null;
  readonly likes: number | null;
  readonly comments: number | null;
}

export interface VideoDetail {
  readonly videoId: string;
  readonly title: string;
  readonly channelTitle: string;
  readonly publishedAt: string;
  readonly days: { day: string; views: number; gained: number | null }[];
}

export interface ScatterColumns {
  readonly videoIds: string[];
  readonly channelIds: string[];
  readonly publishedAt: number[];
  readonly views: number[];
}

/**
 * One selected channel over time, as parallel columns by day (oldest first): subscribers from its
 * daily channel snapshots, views from them too when they have views, else the sum of its tracked
 * videos' latest snapshots on each day (`viewsSource` says which). null where not known.
 */
export interface ChannelSeries {
  readonly channelId: string;
  readonly days: string[];
  readonly views: (number | null)[];
  readonly subscribers: (number | null)[];
  readonly viewsSource: 'channel' | 'videos' | null;
}

/** The parts of a view; a part is left out when the client already has it for this state. */
export interface ViewParts {
  /** The selected channels over time (the last GROWTH_SERIES_DAYS days), in the order selected. */
  growth?: ChannelSeries[];
  compare?: CompareRow[];
  /**
   * Points as parallel columns (half the bytes of one object per point); `total` videos match.
   * `unknownDuration`: when a length filter leaves nothing, how many videos match the other
   * filters but have no known length (the 2017 trending data has none), so the page can say why.
   */
  scatter?: ScatterColumns & { total: number; limit: number; unknownDuration?: number };
  table?: { rows: TableRow[]; total: number; page: number; pageSize: number };
  video?: VideoDetail | null;
}

export type ServerMessage =
  | {
      v: 1;
      type: 'welcome';
      sessionId: string;
      /** Proves the CSV export request comes from this session. */
      exportToken: string;
      resumed: boolean;
      /**
       * False when the shared session store (Redis) is failing: the session goes on in this
       * process's memory but cannot be resumed on another one. Always true without a shared store.
       */
      resumable: boolean;
      /** Who is signed in (null when sign-in is off). */
      user: { name: string } | null;
      /** Where "Sign out" goes (null: no link). */
      signOutUrl: string | null;
      categories: CategoryOption[];
      channels: ChannelOption[];
    }
  | {
      v: 1;
      type: 'view';
      /** The `id` of the message this view answers (the latest one applied). */
      requestId: number | null;
      state: ViewState;
      /** Titles of the selected channels, for the chips. */
      channelTitles: Record<string, string>;
      parts: ViewParts;
      /** Milliseconds each query took on the database, and the whole view on the server. */
      timings: { queries: Record<string, number>; totalMs: number };
      /** Seconds the database that answered is behind the primary (a reader endpoint); null on a primary. */
      lagSeconds: number | null;
    }
  | { v: 1; type: 'channels'; requestId: number | null; channels: ChannelOption[] }
  | { v: 1; type: 'error'; code: ErrorCode; message: string; requestId: number | null }
  | { v: 1; type: 'session'; resumable: boolean }
  | { v: 1; type: 'reconnect'; reason: string };

export type ParsedMessage =
  | { ok: true; message: ClientMessage }
  | { ok: false; code: ErrorCode; message: string; requestId: number | null };

/** Parses and validates one client message; the error says what is wrong in plain words. */
export function parseClientMessage(text: string): ParsedMessage {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, code: 'malformed', message: 'the message is not valid JSON', requestId: null };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, code: 'malformed', message: 'the message must be a JSON object', requestId: null };
  }
  const record = raw as Record<string, unknown>;
  const id = typeof record.id === 'number' && Number.isSafeInteger(record.id) ? record.id : null;
  if (record.v !== PROTOCOL_VERSION) {
    return {
      ok: false,
      code: 'unsupported_version',
      message: `protocol version ${JSON.stringify(record.v ?? null)} is not supported; this server speaks v: ${PROTOCOL_VERSION}`,
      requestId: id,
    };
  }
  const parsed = clientMessageSchema.safeParse(raw);
  if (!parsed.success) {
    return { ok: false, code: 'invalid_message', message: firstIssueMessage(parsed.error), requestId: id };
  }
  return { ok: true, message: parsed.data };
}
