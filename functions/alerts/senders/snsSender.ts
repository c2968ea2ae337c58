import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { AlertEvent } from '../../../db/alerts/AlertEvent.ts';
import type { AlertSender, SendResult } from './AlertSender.ts';

/** SNS takes at most 256 KB a message; an e-mail digest is cut well before that. */
const EVENTS_PER_MESSAGE = 100;

/** The subject line: SNS e-mail subjects are at most 100 characters of plain ASCII-ish text. */
function subjectOf(events: readonly AlertEvent[]): string {
  const text =
    events.length === 1 ? `tubelens: ${events[0]!.message}` : `tubelens: ${events.length} new growth alerts`;
  const plain = text.replace(/[\r\n]+/g, ' ');
  return plain.length > 100 ? `${plain.slice(0, 99)}…` : plain;
}

/**
 * Publishes the events to an SNS topic as one e-mail-friendly digest per hundred events (the
 * topic's e-mail subscribers get one mail per run, not one per event). A digest is accepted or
 * not as a whole.
 */
export function snsSender(options: {
  topicArn: string;
  client: SNSClient;
  siteUrl?: string | undefined;
}): AlertSender {
  return {
    destination: 'sns',
    async send(events: readonly AlertEvent[]): Promise<SendResult> {
      const result: SendResult = { sent: [], failed: [] };
      for (let i = 0; i < events.length; i += EVENTS_PER_MESSAGE) {
        const batch = events.slice(i, i + EVENTS_PER_MESSAGE);
        const lines = batch.map((e) => `- ${e.day}: ${e.message}`);
        const footer = options.siteUrl ? ['', `Reports: ${options.siteUrl}`] : [];
        try {
          await options.client.send(
            new PublishCommand({
              TopicArn: options.topicArn,
              Subject: subjectOf(batch),
              Message: [`New events for the channels you watch:`, '', ...lines, ...footer].join('\n'),
            }),
          );
          result.sent.push(...batch.map((e) => e.key));
        } catch (error) {
          const message = `SNS publish failed: ${(error as Error).name}: ${(error as Error).message}`;
          result.failed.push(...batch.map((e) => ({ key: e.key, error: message })));
        }
      }
      return result;
    },
  };
}
