import type { ClientMessage, ServerMessage } from '../shared/protocol.ts';

type Outgoing = ClientMessage extends infer M ? (M extends { v: 1 } ? Omit<M, 'v'> : never) : never;

export interface Connection {
  send(message: Outgoing): boolean;
  readonly open: boolean;
}

export interface ConnectionEvents {
  /** A socket opened: send `hello` (first time with the state from the link, later to resume). */
  onOpen(connection: Connection, attempt: number): void;
  onMessage(message: ServerMessage): void;
  onStatus(status: 'connecting' | 'connected' | 'reconnecting'): void;
}

/**
 * A WebSocket that reconnects by itself: after a drop it retries with backoff (0.25 s doubling to
 * 5 s, with jitter so a restarted server is not hit by every client at once). A `reconnect`
 * message (the server is draining) makes it reconnect at once; the session resumes elsewhere.
 * A close with 4001 (the sign-in expired) reloads the page instead.
 */
export function connect(events: ConnectionEvents): Connection {
  let socket: WebSocket | undefined;
  let attempt = 0;
  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;
  const connection: Connection = {
    send(message) {
      if (!socket || socket.readyState !== WebSocket.OPEN) return false;
      socket.send(JSON.stringify({ v: 1, ...message }));
      return true;
    },
    get open() {
      return socket?.readyState === WebSocket.OPEN;
    },
  };
  const open = () => {
    events.onStatus(attempt === 0 ? 'connecting' : 'reconnecting');
    const ws = new WebSocket(url);
    socket = ws;
    ws.addEventListener('open', () => {
      events.onStatus('connected');
      events.onOpen(connection, attempt);
      attempt += 1;
    });
    ws.addEventListener('message', (event) => {
      const message = JSON.parse(String(event.data)) as ServerMessage;
      if (message.type === 'reconnect') {
        ws.close();
        return;
      }
      events.onMessage(message);
    });
    ws.addEventListener('close', (event) => {
      if (socket !== ws) return;
      // 4001: the sign-in the socket was opened with expired. Reloading goes through the sign-in
      // at the edge and back to the same view (the address bar holds it).
      if (event.code === 4001) {
        location.reload();
        return;
      }
      events.onStatus('reconnecting');
      const delay = Math.min(5000, 250 * 2 ** Math.min(5, Math.max(0, attempt - 1)));
      setTimeout(open, delay * (0.5 + Math.random() / 2));
      attempt = Math.max(attempt, 1);
    });
  };
  open();
  return connection;
}
