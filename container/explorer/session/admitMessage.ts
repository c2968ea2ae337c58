import type { RawData } from 'ws';
import { type ClientMessage, parseClientMessage } from '../../shared/protocol.ts';
import { ProtocolError } from '../errors.ts';
import type { ExplorerContext } from '../explorerContext.ts';
import type { Connection } from './connection.ts';
import { sendError } from './sendToClient.ts';

/**
 * The checks every incoming frame passes before it is acted on: the rate limit, the size limit,
 * text not binary, and the protocol's schema. Returns the message, or undefined after telling the
 * client what was wrong (a flood gets one error a second at most, not one per message).
 */
export function admitMessage(
  ctx: ExplorerContext,
  connection: Connection,
  data: RawData,
  isBinary: boolean,
): ClientMessage | undefined {
  const { limits } = ctx;
  if (!connection.bucket.take()) {
    const now = performance.now();
    if (now - connection.lastRateError > 1000) {
      connection.lastRateError = now;
      const why = `too many messages: at most ${limits.ratePerSecond} a second; this one was dropped`;
      sendError(connection, new ProtocolError('rate_limited', why), null);
    }
    return undefined;
  }
  const size = Array.isArray(data)
    ? data.reduce((n, b) => n + b.length, 0)
    : (data as ArrayBuffer).byteLength;
  if (size > limits.maxMessageBytes) {
    const why = `the message is ${size} bytes; the limit is ${limits.maxMessageBytes}`;
    sendError(connection, new ProtocolError('too_large', why), null);
    return undefined;
  }
  if (isBinary) {
    sendError(connection, new ProtocolError('malformed', 'messages must be JSON text, not binary'), null);
    return undefined;
  }
  const parsed = parseClientMessage(String(data));
  if (!parsed.ok) {
    sendError(connection, new ProtocolError(parsed.code, parsed.message), parsed.requestId);
    return undefined;
  }
  return parsed.message;
}
