import type { AlertDestination, AlertEvent } from '../../../db/alerts/AlertEvent.ts';

/** The outcome of sending some events: the keys the destination accepted, and the failures. */
export interface SendResult {
  readonly sent: string[];
  readonly failed: { key: string; error: string }[];
}

/** A destination of alerts (the port; SNS, a webhook, or the terminal locally). */
export interface AlertSender {
  readonly destination: AlertDestination;
  /** Sends the events, oldest first; never throws for a refused message, reports it instead. */
  send(events: readonly AlertEvent[]): Promise<SendResult>;
}
