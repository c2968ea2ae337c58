import WebSocket from 'ws';
import type { ServerMessage } from '../../../container/shared/protocol.ts';

export interface TestClient {
  readonly ws: WebSocket;
  /** Every message received so far, in order. */
  readonly received: ServerMessage[];
  send(message: unknown): void;
  sendRaw(data: string | Buffer): void;
  /** The next message (after those already taken) of the given type. */
  next<T extends ServerMessage['type']>(
    type: T,
    timeoutMs?: number,
  ): Promise<Extract<ServerMessage, { type: T }>>;
  closed: Promise<{ code: number; reason: string }>;
  close(): void;
}

/** A real `ws` client as a browser on the explorer's own page would be (same Origin). */
export async function openClient(
  baseUrl: string,
  origin: string = baseUrl,
  options: { autoPong?: boolean; headers?: Record<string, string> } = {},
): Promise<TestClient> {
  const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/ws`, { origin, ...options });
  const received: ServerMessage[] = [];
  const taken = new Set<number>();
  const listeners = new Set<() => void>();
  ws.on('message', (data) => {
    received.push(JSON.parse(String(data)));
    for (const l of [...listeners]) l();
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.once('close', (code, reason) => resolve({ code, reason: String(reason) })),
  );
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return {
    ws,
    received,
    send: (message) => ws.send(JSON.stringify(message)),
    sendRaw: (data) => ws.send(data),
    next(type, timeoutMs = 15_000) {
      return new Promise((resolve, reject) => {
        const look = () => {
          const index = received.findIndex((m, i) => !taken.has(i) && m.type === type);
          if (index < 0) return false;
          taken.add(index);
          listeners.delete(look);
          clearTimeout(timer);
          resolve(received[index] as never);
          return true;
        };
        const timer = setTimeout(() => {
          listeners.delete(look);
          reject(
            new Error(
              `no ${type} message within ${timeoutMs} ms; got ${JSON.stringify(received.map((m) => m.type))}`,
            ),
          );
        }, timeoutMs);
        if (!look()) listeners.add(look);
      });
    },
    closed,
    close: () => ws.close(),
  };
}

/** A client that has said hello and received its welcome and first view; `exportUrl` is its CSV link. */
export async function openSession(
  baseUrl: string,
  headers: Record<string, string> = {},
): Promise<{
  client: TestClient;
  welcome: Extract<ServerMessage, { type: 'welcome' }>;
  exportUrl: string;
}> {
  const client = await openClient(baseUrl, baseUrl, { headers });
  client.send({ v: 1, type: 'hello', id: 0 });
  const welcome = await client.next('welcome');
  await client.next('view');
  const exportUrl = `${baseUrl}/export.csv?session=${welcome.sessionId}&token=${welcome.exportToken}`;
  return { client, welcome, exportUrl };
}
