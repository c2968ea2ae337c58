/** What can happen to a watched channel that is worth telling someone. */
export type AlertKind = 'outlier' | 'milestone' | 'views7d';

/** One event, as detected and as stored in alert_events. */
export interface AlertEvent {
  /** What happened, as a key: `milestone:<channel>:<count>`, `outlier:<video>`, `views7d:<channel>:<day>`. */
  readonly key: string;
  readonly kind: AlertKind;
  readonly channelId: string;
  readonly channelTitle: string;
  readonly videoId: string | null;
  /** The UTC day it happened (the snapshot day that showed it). */
  readonly day: string;
  /** One plain-text line, the same in every destination. */
  readonly message: string;
  /** The numbers behind the message (JSON), for webhooks and later readers. */
  readonly details: Record<string, unknown>;
}

/** Where an event goes; one outbox row per event and destination. */
export type AlertDestination = 'sns' | 'webhook' | 'print';
