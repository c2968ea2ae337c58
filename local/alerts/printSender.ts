import type { AlertEvent } from '../../db/alerts/AlertEvent.ts';
import type { AlertSender, SendResult } from '../../functions/alerts/senders/AlertSender.ts';

/** The terminal as a destination: one line per event, each printed once like any delivery. */
export function printSender(out: NodeJS.WritableStream): AlertSender {
  return {
    destination: 'print',
    async send(events: readonly AlertEvent[]): Promise<SendResult> {
      for (const e of events) out.write(`${e.day}  ${e.message}\n`);
      return { sent: events.map((e) => e.key), failed: [] };
    },
  };
}
