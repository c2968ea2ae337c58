import type { Migration } from './Migration.ts';

/**
 * Growth analytics and alerts (issue 16).
 * - channels.country: the tracker's channels reference file carries it (empty when the channel
 *   has not set one, so NULL).
 * - watched_channels: channels whose events go out as alerts, from `watch_from` on. Events on
 *   earlier days are history, not news: watching a channel with years of snapshots does not mail
 *   years of milestones.
 * - alert_events: one row per event, keyed by what happened (`milestone:<channel>:<count>`,
 *   `outlier:<video>`, `views7d:<channel>:<day>`), so a run that finds the same event again
 *   inserts nothing: detection is idempotent.
 * - alert_deliveries: the outbox, one row per event and destination (`sns`, `webhook`, `print`),
 *   created with the event. `sent_at` is set once the destination accepted it; a failed send
 *   stays pending and is retried by the next run. The partial index is what a run reads.
 * - Grants: in AWS the alerts job runs as the ingest's login (tubelens_ingest, migration 7), which
 *   reads every table through migration 7's default privileges; it may write these three tables
 *   too. The explorer and the refresh only read them.
 */
export const migration: Migration = {
  version: 9,
  name: 'growth',
  sql: /* sql */ `
ALTER TABLE channels ADD COLUMN country text;

CREATE TABLE watched_channels (
  channel_id text PRIMARY KEY REFERENCES channels (channel_id) ON DELETE CASCADE,
  watch_from date NOT NULL,
  added_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE alert_events (
  event_key text PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('outlier', 'milestone', 'views7d')),
  channel_id text NOT NULL REFERENCES channels (channel_id) ON DELETE CASCADE,
  video_id text,
  day date NOT NULL,
  message text NOT NULL,
  details jsonb NOT NULL DEFAULT '{}',
  detected_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX alert_events_detected_idx ON alert_events (detected_at DESC);

CREATE TABLE alert_deliveries (
  event_key text NOT NULL REFERENCES alert_events (event_key) ON DELETE CASCADE,
  destination text NOT NULL CHECK (destination IN ('sns', 'webhook', 'print')),
  attempts integer NOT NULL DEFAULT 0,
  last_attempt_at timestamptz,
  last_error text,
  sent_at timestamptz,
  PRIMARY KEY (event_key, destination)
);
CREATE INDEX alert_deliveries_pending_idx ON alert_deliveries (destination, event_key) WHERE sent_at IS NULL;

GRANT INSERT, UPDATE, DELETE ON watched_channels, alert_events, alert_deliveries TO tubelens_ingest;
`,
};
