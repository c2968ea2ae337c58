import { param } from '../sql/param.ts';
import type { SqlExecutor } from '../sql/SqlClient.ts';
import type { AlertDestination, AlertEvent, AlertKind } from './AlertEvent.ts';

// New events and their outbox rows in one statement, so an event is never stored without its
// deliveries. An event whose key is already stored is left out, with its deliveries: detecting
// the same thing again sends nothing.
const RECORD_SQL = /* sql */ `
WITH added AS (
  INSERT INTO alert_events (event_key, kind, channel_id, video_id, day, message, details)
  SELECT e.event_key, e.kind, e.channel_id, e.video_id, e.day, e.message, e.details
  FROM jsonb_to_recordset($1) AS e(event_key text, kind text, channel_id text, video_id text, day date,
                                   message text, details jsonb)
  WHERE EXISTS (SELECT 1 FROM channels c WHERE c.channel_id = e.channel_id)
  ON CONFLICT (event_key) DO NOTHING
  RETURNING event_key
), queued AS (
  INSERT INTO alert_deliveries (event_key, destination)
  SELECT a.event_key, d FROM added a CROSS JOIN jsonb_array_elements_text($2) AS d
)
SELECT event_key FROM added ORDER BY event_key`;

// alert_deliveries_pending_idx: the pending rows of one destination.
const PENDING_SQL = /* sql */ `
SELECT e.event_key, e.kind, e.channel_id, c.title AS channel_title, e.video_id, e.day::text AS day,
       e.message, e.details, d.attempts
FROM alert_deliveries d
JOIN alert_events e USING (event_key)
JOIN channels c ON c.channel_id = e.channel_id
WHERE d.destination = $1 AND d.sent_at IS NULL
ORDER BY e.day, e.event_key
LIMIT $2`;

const SENT_SQL = /* sql */ `
UPDATE alert_deliveries SET sent_at = now(), attempts = attempts + 1, last_attempt_at = now(), last_error = NULL
WHERE destination = $1 AND event_key IN (SELECT jsonb_array_elements_text($2)) AND sent_at IS NULL`;

const FAILED_SQL = /* sql */ `
UPDATE alert_deliveries SET attempts = attempts + 1, last_attempt_at = now(), last_error = $3
WHERE destination = $1 AND event_key IN (SELECT jsonb_array_elements_text($2)) AND sent_at IS NULL`;

const RECENT_SQL = /* sql */ `
SELECT e.event_key, e.kind, e.channel_id, c.title AS channel_title, e.video_id, e.day::text AS day,
       e.message, e.details,
       COALESCE(json_agg(json_build_object('destination', d.destination, 'sent', d.sent_at IS NOT NULL,
         'attempts', d.attempts, 'error', d.last_error) ORDER BY d.destination) FILTER (WHERE d.destination IS NOT NULL), '[]') AS deliveries
FROM alert_events e
JOIN channels c ON c.channel_id = e.channel_id
LEFT JOIN alert_deliveries d USING (event_key)
GROUP BY e.event_key, c.title
ORDER BY e.detected_at DESC, e.event_key
LIMIT $1`;

type EventRow = {
  event_key: string;
  kind: AlertKind;
  channel_id: string;
  channel_title: string;
  video_id: string | null;
  day: string;
  message: string;
  details: Record<string, unknown>;
};

const toEvent = (r: EventRow): AlertEvent => ({
  key: r.event_key,
  kind: r.kind,
  channelId: r.channel_id,
  channelTitle: r.channel_title,
  videoId: r.video_id,
  day: r.day,
  message: r.message,
  details: r.details,
});

/** Stores the events not stored before, each with a pending delivery per destination; returns their keys. */
export async function recordAlertEvents(
  db: SqlExecutor,
  events: readonly AlertEvent[],
  destinations: readonly AlertDestination[],
): Promise<string[]> {
  if (events.length === 0) return [];
  const json = events.map((e) => ({
    event_key: e.key,
    kind: e.kind,
    channel_id: e.channelId,
    video_id: e.videoId,
    day: e.day,
    message: e.message,
    details: e.details,
  }));
  const { rows } = await db.query<{ event_key: string }>(RECORD_SQL, [
    param.json(json),
    param.json(destinations),
  ]);
  return rows.map((r) => r.event_key);
}

/** Events a destination has not accepted yet (new, or failed before), oldest day first. */
export async function pendingDeliveries(
  db: SqlExecutor,
  destination: AlertDestination,
  limit = 500,
): Promise<(AlertEvent & { attempts: number })[]> {
  const { rows } = await db.query<EventRow & { attempts: number }>(PENDING_SQL, [destination, limit]);
  return rows.map((r) => ({ ...toEvent(r), attempts: r.attempts }));
}

/** Marks deliveries as accepted by the destination: they are never sent again. */
export async function markDelivered(db: SqlExecutor, destination: AlertDestination, keys: readonly string[]) {
  if (keys.length) await db.query(SENT_SQL, [destination, param.json(keys)]);
}

/** Records a failed attempt; the delivery stays pending for the next run. */
export async function markFailed(
  db: SqlExecutor,
  destination: AlertDestination,
  keys: readonly string[],
  error: string,
) {
  if (keys.length) await db.query(FAILED_SQL, [destination, param.json(keys), error.slice(0, 1000)]);
}

export interface RecentAlert extends AlertEvent {
  readonly deliveries: {
    destination: AlertDestination;
    sent: boolean;
    attempts: number;
    error: string | null;
  }[];
}

/** The newest events with where each went, for `tubelens alerts list`. */
export async function recentAlerts(db: SqlExecutor, limit = 50): Promise<RecentAlert[]> {
  const { rows } = await db.query<EventRow & { deliveries: RecentAlert['deliveries'] }>(RECENT_SQL, [limit]);
  return rows.map((r) => ({ ...toEvent(r), deliveries: r.deliveries }));
}
