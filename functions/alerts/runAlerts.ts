import { randomBytes } from 'node:crypto';
import type { AlertEvent } from '../../db/alerts/AlertEvent.ts';
import {
  markDelivered,
  markFailed,
  pendingDeliveries,
  recordAlertEvents,
} from '../../db/alerts/alertOutbox.ts';
import { type AlertThresholds, DEFAULT_THRESHOLDS } from '../../db/alerts/alertThresholds.ts';
import { detectAlertEvents } from '../../db/alerts/detectAlertEvents.ts';
import type { SqlExecutor } from '../../db/sql/SqlClient.ts';
import { acquireLease, releaseLease } from '../refresh/refreshLease.ts';
import type { AlertSender } from './senders/AlertSender.ts';

/** The job_locks row a run holds: two runs never send at once, so none sends what the other is sending. */
export const ALERTS_LOCK = 'alerts';

export interface RunAlertsOptions {
  readonly sql: SqlExecutor;
  /** Where events go; each gets an outbox row per sender's destination when it is first seen. */
  readonly senders: readonly AlertSender[];
  readonly thresholds?: Partial<AlertThresholds>;
  /** Lease length; a run that dies lets the next one start after this. */
  readonly leaseSeconds?: number;
  readonly log?: {
    info(message: string, extra?: Record<string, unknown>): void;
    warn(message: string, extra?: Record<string, unknown>): void;
  };
}

export type RunAlertsResult =
  | {
      readonly status: 'done';
      /** Events seen for the first time in this run. */
      readonly detected: AlertEvent[];
      /** Per destination: deliveries accepted and deliveries still pending after this run. */
      readonly sent: Record<string, number>;
      readonly failed: Record<string, number>;
    }
  | { readonly status: 'skipped'; readonly reason: string };

const silent = { info() {}, warn() {} };

/**
 * One run of the alerts job: detect the watched channels' events, store the new ones with an
 * outbox row per destination, then send every pending delivery (new ones and those that failed
 * before) and mark each as accepted or failed. An event is stored once (its key), each of its
 * deliveries is marked sent once accepted and never picked again, and a failed one is retried
 * by the next run. Runs under a lease so two runs never send the same delivery at once.
 */
export async function runAlerts(options: RunAlertsOptions): Promise<RunAlertsResult> {
  const { sql, senders } = options;
  const log = options.log ?? silent;
  const thresholds = { ...DEFAULT_THRESHOLDS, ...options.thresholds };
  const holder = `alerts-${randomBytes(4).toString('hex')}`;
  // A run sends at most a few hundred messages; five minutes is the Lambda's timeout.
  if (!(await acquireLease(sql, ALERTS_LOCK, holder, options.leaseSeconds ?? 300))) {
    return { status: 'skipped', reason: 'another alerts run holds the lease' };
  }
  try {
    const events = await detectAlertEvents(sql, thresholds);
    const added = new Set(
      await recordAlertEvents(
        sql,
        events,
        senders.map((s) => s.destination),
      ),
    );
    const detected = events.filter((e) => added.has(e.key));
    const sent: Record<string, number> = {};
    const failed: Record<string, number> = {};
    for (const sender of senders) {
      const pending = await pendingDeliveries(sql, sender.destination);
      const outcome = await sender.send(pending);
      await markDelivered(sql, sender.destination, outcome.sent);
      // Failures are grouped by message, so one update records a run of identical errors.
      const byError = new Map<string, string[]>();
      for (const f of outcome.failed) byError.set(f.error, [...(byError.get(f.error) ?? []), f.key]);
      for (const [error, keys] of byError) await markFailed(sql, sender.destination, keys, error);
      sent[sender.destination] = outcome.sent.length;
      failed[sender.destination] = outcome.failed.length;
      if (outcome.failed.length) {
        log.warn('alerts not delivered; retried next run', {
          destination: sender.destination,
          failed: outcome.failed.length,
          error: outcome.failed[0]!.error,
        });
      }
    }
    log.info('alerts run', { detected: detected.length, sent, failed });
    return { status: 'done', detected, sent, failed };
  } finally {
    await releaseLease(sql, ALERTS_LOCK, holder).catch(() => {});
  }
}
