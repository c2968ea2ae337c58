import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { SqlClient } from '../../db/sql/SqlClient.ts';
import { sessionIdSchema } from '../shared/protocol.ts';
import { explorerContext } from './explorerContext.ts';
import { exportSelectionCsv } from './exportSelectionCsv.ts';
import type { LiveDatabase } from './liveDatabase.ts';
import { type Logger, silentLogger } from './log.ts';
import { memorySessionStore } from './memorySessionStore.ts';
import { DEFAULT_LIMITS, DEFAULT_STATEMENT_TIMEOUT_MS, type ExplorerLimits } from './options.ts';
import { originAllowed } from './originAllowed.ts';
import { pgLiveDatabase } from './pgLiveDatabase.ts';
import { SECURITY_HEADERS } from './securityHeaders.ts';
import { sessionConnection } from './sessionConnection.ts';
import type { SessionStore } from './sessionStore.ts';
import { loadStaticAssets } from './staticAssets.ts';

export interface StartExplorerOptions {
  /** An open pg SqlClient (its pool is used directly). Or pass `live`. */
  readonly sql?: SqlClient;
  readonly live?: LiveDatabase;
  /** The built page and assets (container/dist/public). */
  readonly assetsDir: string;
  /** 0 picks a free port. */
  readonly port?: number;
  /** 127.0.0.1 unless told otherwise: a local tool should not listen on every interface. */
  readonly host?: string;
  /** Where sessions live between connections; in this process's memory by default. */
  readonly store?: SessionStore;
  /** Extra origins whose pages may open a session; the explorer's own origin always may. */
  readonly allowedOrigins?: readonly string[];
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

function reject(socket: Duplex, status: number, text: string) {
  socket.end(
    `HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${text.length}\r\n\r\n${text}`,
  );
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Starts an explorer: the page over HTTP, sessions over WebSocket, live queries on `sql`. */
export async function startExplorer(options: StartExplorerOptions): Promise<RunningExplorer> {
  const log = options.log ?? silentLogger;
  const limits: ExplorerLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const liveOptions = {
    statementTimeoutMs: options.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS,
    testDelayMs: options.testQueryDelayMs ?? 0,
  };
  let live = options.live;
  if (!live) {
    const sql = options.sql;
    if (sql?.dialect !== 'pg' || !('pool' in sql)) {
      throw new Error('startExplorer needs `live`, or `sql` from openSqlClient (a pg pool)');
    }
    live = pgLiveDatabase((sql as SqlClient & { pool: import('pg').Pool }).pool, liveOptions);
  }
  const ownsLive = !options.live;
  const store = options.store ?? memorySessionStore();
  const ownsStore = !options.store;
  const assets = await loadStaticAssets(options.assetsDir);
  const ctx = explorerContext({ live, store, limits, log });
  const allowed = options.allowedOrigins ?? [];
  let draining = false;

  const exportCsv = async (url: URL, request: IncomingMessage, response: ServerResponse) => {
    const id = sessionIdSchema.safeParse(url.searchParams.get('session'));
    const token = url.searchParams.get('token') ?? '';
    const record = id.success
      ? (ctx.sessions.get(id.data)?.record ?? (await store.load(id.data).catch(() => undefined)))
      : undefined;
    if (!record || !sameToken(record.exportToken, token)) {
      response.writeHead(403, { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8' });
      response.end('This export link does not belong to a live session; export again from the explorer.');
      return;
    }
    response.writeHead(200, {
      ...SECURITY_HEADERS,
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': 'attachment; filename="tubelens-selection.csv"',
      'cache-control': 'no-store',
    });
    const aborted = new AbortController();
    request.on('close', () => {
      if (!response.writableFinished) aborted.abort();
    });
    const write = (chunk: string) =>
      new Promise<void>((resolve) => {
        if (response.write(chunk)) resolve();
        else response.once('drain', resolve);
      });
    try {
      const rows = await exportSelectionCsv(live, record.state, write, aborted.signal);
      log.info('export streamed', { rows });
    } catch (error) {
      log.error('export failed', { error });
      // Headers are gone: cut the stream so the download visibly fails instead of looking complete.
      response.destroy();
      return;
    }
    response.end();
  };

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://explorer.invalid');
    const plain = (status: number, text: string) => {
      response.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8' });
      response.end(text);
    };
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'method not allowed');
    if (url.pathname === '/healthz') return plain(200, 'ok');
    if (url.pathname === '/readyz') {
      if (draining) return plain(503, 'draining');
      live.ping().then(
        () => plain(200, 'ready'),
        (error) => {
          log.warn('readiness check failed', { error: (error as Error).message });
          plain(503, 'database unreachable');
        },
      );
      return;
    }
    if (url.pathname === '/export.csv') {
      exportCsv(url, request, response).catch((error) => {
        log.error('export failed', { error });
        if (!response.headersSent) plain(500, 'export failed');
        else response.destroy();
      });
      return;
    }
    const asset = assets.get(url.pathname);
    if (!asset) return plain(404, 'not found');
    if (request.headers['if-none-match'] === asset.etag) {
      response.writeHead(304, { ...SECURITY_HEADERS, etag: asset.etag });
      return response.end();
    }
    response.writeHead(200, {
      ...SECURITY_HEADERS,
      'content-type': asset.type,
      etag: asset.etag,
      'cache-control':
        url.pathname === '/' || url.pathname.endsWith('.html') ? 'no-cache' : 'public, max-age=300',
    });
    response.end(request.method === 'HEAD' ? undefined : asset.body);
  });

  // The hard cap closes the socket (1009); messages between maxMessageBytes and this get a
  // `too_large` error instead and the session goes on.
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: Math.max(limits.maxMessageBytes * 4, 64 * 1024),
  });
  server.on('upgrade', (request, socket, head) => {
    socket.on('error', () => {});
    const url = new URL(request.url ?? '/', 'http://explorer.invalid');
    if (url.pathname !== '/ws') return reject(socket, 404, 'Not Found');
    if (!originAllowed(request, allowed)) {
      log.warn('upgrade refused: origin not allowed', { origin: request.headers.origin ?? null });
      return reject(socket, 403, 'Forbidden');
    }
    if (draining) return reject(socket, 503, 'Service Unavailable');
    if (ctx.connections.size >= limits.maxSessions) {
      log.warn('upgrade refused: session cap reached', { maxSessions: limits.maxSessions });
      return reject(socket, 503, 'Service Unavailable');
    }
    wss.handleUpgrade(request, socket, head, (ws) => sessionConnection(ctx, ws));
  });

  const heartbeat = setInterval(() => {
    const ids: string[] = [];
    for (const connection of ctx.connections) {
      if (!connection.alive) {
        connection.socket.terminate();
        continue;
      }
      connection.alive = false;
      connection.socket.ping();
      if (connection.sessionId) ids.push(connection.sessionId);
    }
    store.touch(ids, limits.resumeWindowMs + 2 * limits.pingIntervalMs).catch((error) => {
      log.error('session touch failed', { error });
    });
  }, limits.pingIntervalMs);
  heartbeat.unref();

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${address.port}`;
  log.info('listening', { url, port: address.port, database: live.dialect, sessions: store.kind });

  let drained: Promise<void> | undefined;
  let closed: Promise<void> | undefined;
  const drain = () => {
    drained ??= (async () => {
      draining = true;
      log.info('draining', { connections: ctx.connections.size });
      server.close();
      server.closeIdleConnections();
      const deadline = new Promise((resolve) => setTimeout(resolve, limits.drainTimeoutMs).unref());
      const settle = async () => {
        // Work can start more work (a message starts a view): wait until nothing is left.
        while (ctx.inflight.size) await Promise.all([...ctx.inflight]);
        await Promise.all([...ctx.connections].map((c) => c.settled()));
      };
      await Promise.race([settle(), deadline]);
      for (const connection of [...ctx.connections]) {
        connection.socket.send(
          JSON.stringify({
            v: 1,
            type: 'reconnect',
            reason: 'this server is shutting down; your session resumes elsewhere',
          }),
        );
        connection.close(1012, 'server restarting');
      }
      await Promise.race([settle(), deadline]);
      clearInterval(heartbeat);
      log.info('drained');
    })();
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
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        if (ownsStore) await store.close();
        if (ownsLive) await live.close();
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
