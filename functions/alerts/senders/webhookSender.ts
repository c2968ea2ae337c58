import type { AlertEvent } from '../../../db/alerts/AlertEvent.ts';
import { slackMessage } from '../slackMessage.ts';
import type { AlertSender, SendResult } from './AlertSender.ts';

export interface WebhookOptions {
  readonly url: string;
  /** The site's address, for links in the messages. */
  readonly siteUrl?: string | undefined;
  /** Per request; Slack answers in well under a second, a stuck receiver must not stall the run. */
  readonly timeoutMs?: number;
  readonly fetch?: typeof fetch;
}

/**
 * Posts each event as its own message to a Slack-compatible incoming webhook. A 2xx answer means
 * accepted; anything else (or no answer in time) leaves that event pending. Every request carries
 * `Idempotency-Key: <event key>`, so a receiver that keeps keys can drop the one duplicate the
 * outbox can produce (a crash between the answer and the bookkeeping).
 */
export function webhookSender(options: WebhookOptions): AlertSender {
  const post = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 10_000;
  return {
    destination: 'webhook',
    async send(events: readonly AlertEvent[]): Promise<SendResult> {
      const result: SendResult = { sent: [], failed: [] };
      for (const event of events) {
        try {
          const response = await post(options.url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'idempotency-key': event.key },
            body: JSON.stringify(slackMessage(event, options.siteUrl)),
            signal: AbortSignal.timeout(timeoutMs),
          });
          await response.body?.cancel();
          if (response.ok) result.sent.push(event.key);
          else result.failed.push({ key: event.key, error: `webhook answered HTTP ${response.status}` });
        } catch (error) {
          result.failed.push({ key: event.key, error: `webhook unreachable: ${(error as Error).message}` });
        }
      }
      return result;
    },
  };
}
