import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import type { SqlClient } from '../../db/sql/SqlClient.ts';
import type { AuthConfig } from './auth/authConfig.ts';
import { authenticator } from './auth/authenticator.ts';
import type { TokenVerifier } from './auth/tokenVerifier.ts';
import { drainExplorer } from './drainExplorer.ts';
import { type ExplorerContext, explorerContext } from './explorerContext.ts';
import { fallbackSessionStore } from './fallbackSessionStore.ts';
import { startHeartbeat } from './heartbeat.ts';
import { handleHttpRequest } from './http/handleHttpRequest.ts';
import { sendText } from './http/respond.ts';
import { clientLimits } from './limits/clientLimits.ts';
import { allowedHostNames } from './limits/hostAllowed.ts';
import type { LiveDatabase } from './liveDatabase.ts';
import { type Logger, silentLogger } from './log.ts';
import { memorySessionStore } from './memorySessionStore.ts';
import { DEFAULT_LIMITS, DEFAULT_STATEMENT_TIMEOUT_MS, type ExplorerLimits } from './options.ts';
import { pgLiveDatabase } from './pgLiveDatabase.ts';
import type { SessionStore } from './sessionStore.ts';
import { loadStaticAssets, type StaticAsset } from './staticAssets.ts';
import { handleUpgrade } from './upgrade/handleUpgrade.ts';

export interface StartExplorerOptions {
  /** An open pg SqlClient (its pool is used directly). Or pass `live`. */
  readonly sql?: SqlClient;
  readonly live?: LiveDatabase;
  /** The built page and assets (container/dist/public). */
  readonly assetsDir: string;
  /** The report site's address, linked from the page (EXPLORER_SITE_URL). */
  readonly siteUrl?: string;
  /** 0 picks a free port. */
  readonly port?: number;
  /** 127.0.0.1 unless told otherwise: a local tool should not listen on every interface. */
  readonly host?: string;
  /** Where sessions live between connections; in this process's memory by default. */
  readonly store?: SessionStore;
  /** Extra origins whose pages may open a session; the explorer's own origin always may. */
  readonly allowedOrigins?: readonly string[];
  /** Host names requests may be addressed to besides loopback names and the allowed origins' hosts. */
  readonly allowedHosts?: readonly string[];
  /** Proxies in front that append to X-Forwarded-For; 0 (default) trusts none. */
  readonly trustedProxyHops?: number;
  /** Sign-in; off by default. */
  readonly auth?: AuthConfig;
  /** Tests only: checks tokens instead of a verifier built from `auth`. */
  readonly tokenVerifier?: TokenVerifier;
  readonly limits?: Partial<ExplorerLimits>;
  readonly statementTimeoutMs?: number;
  readonly testQueryDelayMs?: number;
  readonly log?: Logger;
}

export interface RunningExplorer {
  readonly url: string;
  readonly port: number;
  /** Stops taking sessions, finishes in-flight work, tells clients to reconnect elsewhere. */
  drain(): Promise<void>;
  /** Drains, then closes the HTTP server and what this explorer opened (not a passed-in `sql`); once. */
  close(): Promise<void>;
  stats(): { connections: number; sessions: number; inflight: number };
}

function liveFrom(options: StartExplorerOptions): LiveDatabase {
  if (options.live) return options.live;
  const sql = options.sql;
  if (sql?.dialect !== 'pg' || !('pool' in sql)) {
    throw new Error('startExplorer needs `live`, or `sql` from openSqlClient (a pg pool)');
  }
  return pgLiveDatabase((sql as SqlClient & { pool: import('pg').Pool }).pool, {
    statementTimeoutMs: options.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS,
    testDelayMs: options.testQueryDelayMs ?? 0,
  });
}

/** The context every request and connection shares, from the options. */
function contextFrom(options: StartExplorerOptions, store: SessionStore): ExplorerContext {
  const log = options.log ?? silentLogger;
  const limits: ExplorerLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const allowedOrigins = options.allowedOrigins ?? [];
  return explorerContext({
    live: liveFrom(options),
    store: fallbackSessionStore(store, log),
    limits,
    log,
    auth: authenticator(options.auth ?? { mode: 'none' }, log, options.tokenVerifier),
    hostNames: allowedHostNames(allowedOrigins, options.allowedHosts ?? []),
    allowedOrigins,
    trustedProxyHops: options.trustedProxyHops ?? 0,
    clients: clientLimits(limits.exportsPerMinute),
  });
}

/** The HTTP server with its request and upgrade handlers; errors below them end that request only. */
function createExplorerServer(ctx: ExplorerContext, assets: ReadonlyMap<string, StaticAsset>) {
  const { log } = ctx;
  const server = createServer((request, response) => {
    handleHttpRequest(ctx, assets, request, response).catch((error) => {
      log.error('request failed', { error });
      if (!response.headersSent) sendText(response, 500, 'internal error');
      else response.destroy();
    });
  });
  // The hard cap closes the socket (1009); messages between maxMessageBytes and this get a
  // `too_large` error instead and the session goes on.
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: Math.max(ctx.limits.maxMessageBytes * 4, 64 * 1024),
  });
  server.on('upgrade', (request, socket, head) => {
    handleUpgrade(ctx, wss, request, socket, head).catch((error) => {
      log.error('upgrade failed', { error });
      socket.destroy();
    });
  });
  return { server, wss };
}

/** Starts an explorer: the page over HTTP, sessions over WebSocket, live queries on `sql`. */
export async function startExplorer(options: StartExplorerOptions): Promise<RunningExplorer> {
  const store = options.store ?? memorySessionStore();
  const ctx = contextFrom(options, store);
  const { log, live, auth } = ctx;
  const assets = await loadStaticAssets(options.assetsDir, { siteUrl: options.siteUrl });
  // A bad issuer shows in the log at start-up rather than at the first sign-in.
  auth.warm().catch((error) => log.error('sign-in keys could not be fetched at start-up', { error }));
  const { server, wss } = createExplorerServer(ctx, assets);
  const stopHeartbeat = startHeartbeat(ctx);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${address.port}`;
  log.info('listening', {
    url,
    port: address.port,
    database: live.dialect,
    sessions: store.kind,
    signIn: auth.mode,
  });

  let drained: Promise<void> | undefined;
  let closed: Promise<void> | undefined;
  const drain = () => {
    drained ??= drainExplorer(ctx).finally(stopHeartbeat);
    return drained;
  };
  return {
    url,
    port: address.port,
    drain,
    close() {
      closed ??= (async () => {
        await drain();
        for (const connection of ctx.connections) connection.socket.terminate();
        wss.close();
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        await stopped;
        ctx.clients.close();
        if (!options.store) await ctx.store.close();
        if (!options.live) await live.close();
      })();
      return closed;
    },
    stats: () => ({
      connections: ctx.connections.size,
      sessions: ctx.sessions.size,
      inflight: ctx.inflight.size,
    }),
  };
}
