import { randomUUID } from 'node:crypto';
import { acquireIngestLock, releaseIngestLock } from '../../db/ingest/ingestLock.ts';
import {
  finishIngestRun,
  type IngestRunStatus,
  type IngestStopReason,
  startIngestRun,
} from '../../db/ingest/ingestRuns.ts';
import { addQuotaUnits, readQuotaUsage } from '../../db/ingest/quotaUsage.ts';
import { countRefreshWork } from '../../db/ingest/refreshWork.ts';
import { listTrackedChannels } from '../../db/ingest/trackedChannels.ts';
import { countQueuedVideos } from '../../db/ingest/videoQueue.ts';
import type { SqlClient } from '../../db/sql/SqlClient.ts';
import { pacificDay, utcDay } from './days.ts';
import { BudgetExhaustedError, IngestBusyError, QuotaExceededError, TimeLimitError } from './errors.ts';
import {
  type IngestContext,
  type IngestCounters,
  type IngestLogger,
  type IngestProgress,
  silentLogger,
} from './IngestContext.ts';
import { type IngestPlan, planIngest } from './planIngest.ts';
import { createQuotaMeter } from './quotaMeter.ts';
import { spendUnits } from './spendUnits.ts';
import type { YouTubeApi } from './youtube/YouTubeApi.ts';

export interface IngestDeps {
  readonly sql: SqlClient;
  readonly youtube: YouTubeApi;
  readonly clock?: () => Date;
  readonly logger?: IngestLogger;
  readonly onProgress?: (progress: IngestProgress) => void;
  /** Milliseconds the run may still take (a Lambda's getRemainingTimeInMillis). */
  readonly timeLeftMs?: () => number;
}

export interface IngestOptions {
  /** Units the project gets per Pacific day (YOUTUBE_DAILY_QUOTA). */
  readonly dailyQuota?: number;
  /** Most units this run may spend, below what is left of the day's quota. */
  readonly budget?: number;
  /** Videos published within this many days are "recent" and refreshed before the long tail. */
  readonly recentDays?: number;
  /**
   * Also refresh videos already refreshed today, with units left over, updating today's
   * snapshot in place. Off by default: a second run the same day (e.g. one scheduled to finish a
   * day that hit the time limit) would otherwise spend the whole day's cost again.
   */
  readonly refreshAgain?: boolean;
  /** Stop cleanly when less time than this is left. */
  readonly minTimeLeftMs?: number;
  /** The lease on the ingest lock; longer than any run (a Lambda stops at 15 min). */
  readonly lockMs?: number;
}

const defaults = {
  // The Data API's default allocation: 10,000 units a day.
  dailyQuota: 10_000,
  budget: Number.POSITIVE_INFINITY,
  // Most of a video's views come in its first weeks; 30 days keeps the recent tier small.
  recentDays: 30,
  refreshAgain: false,
  // A page and a write take well under a second; 30 s leaves room to finish the run row.
  minTimeLeftMs: 30_000,
  lockMs: 16 * 60_000,
};

export interface IngestResult extends IngestCounters {
  readonly runId: number;
  readonly status: IngestRunStatus;
  readonly stopReason: IngestStopReason | null;
  readonly quotaDay: string;
  readonly snapshotDay: string;
  readonly plan: IngestPlan;
  readonly unitsUsed: number;
  readonly unitsByMethod: Readonly<Record<string, number>>;
  /** Units spent on the quota day by every run so far, this one included. */
  readonly quotaDayUnits: number;
  readonly error: string | null;
}

/**
 * One ingest run: plans the day's units, then spends them most valuable first (channel
 * statistics, new uploads, recent videos, older uploads, the long tail), writing after every
 * call so that a stop at any point (quotaExceeded, this run's budget, the time limit) leaves a
 * consistent database that the next run continues from. Errors other than those stops are
 * recorded on the run row and rethrown.
 */
export async function runIngest(deps: IngestDeps, options: IngestOptions = {}): Promise<IngestResult> {
  const o = { ...defaults, ...options };
  const clock = deps.clock ?? (() => new Date());
  const logger = deps.logger ?? silentLogger;
  const { sql } = deps;
  const now = clock();
  const quotaDay = pacificDay(now);
  const day = utcDay(now);
  const holder = randomUUID();
  if (!(await acquireIngestLock(sql, holder, now, new Date(now.getTime() + o.lockMs)))) {
    throw new IngestBusyError('another ingest is running (job_locks "ingest")');
  }
  try {
    const usage = await readQuotaUsage(sql, quotaDay);
    const left = usage.exhaustedAt ? 0 : Math.max(0, o.dailyQuota - usage.unitsUsed);
    const budget = Math.min(left, o.budget);
    const recentSince = new Date(now.getTime() - o.recentDays * 86_400_000);
    const tracked = await listTrackedChannels(sql);
    const plan = planIngest({
      budget,
      channels: tracked,
      queued: await countQueuedVideos(sql),
      refresh: await countRefreshWork(sql, { day, recentSince }),
    });
    const runId = await startIngestRun(sql, { startedAt: now, quotaDay, unitsPlanned: plan.granted, plan });
    logger.info('ingest planned', { runId, quotaDay, budget, plan });
    const meter = createQuotaMeter(budget);
    const ctx = await createContext(deps, { meter, now, day, quotaDay, logger, planned: plan.granted }, o);
    const { counters } = ctx;

    let outcome: RunOutcome = { status: 'completed', stopReason: null, error: null };
    try {
      if (budget === 0 && plan.units > 0) {
        throw usage.exhaustedAt
          ? new QuotaExceededError(
              `quota for ${quotaDay} (Pacific) was exhausted at ${usage.exhaustedAt.toISOString()}`,
              403,
              'quotaExceeded',
            )
          : new BudgetExhaustedError(`no units left for ${quotaDay} (Pacific)`);
      }
      await spendUnits(ctx, tracked, { day, recentSince, refreshAgain: o.refreshAgain });
    } catch (caught) {
      outcome = outcomeOf(caught);
      // The API said the quota is gone: record the day as exhausted for the next run.
      if (caught instanceof QuotaExceededError) await addQuotaUnits(sql, quotaDay, 0, clock());
    }
    const { status, stopReason, error } = outcome;
    // Units of a call whose write failed are still spent.
    const pending = meter.pending();
    await addQuotaUnits(sql, quotaDay, pending);
    meter.persisted(pending);
    await finishIngestRun(sql, runId, {
      ...counters,
      unitsUsed: meter.used,
      finishedAt: clock(),
      status,
      stopReason,
      error,
    });
    const result: IngestResult = {
      runId,
      status,
      stopReason,
      quotaDay,
      snapshotDay: day,
      plan,
      unitsUsed: meter.used,
      unitsByMethod: { ...meter.byMethod },
      quotaDayUnits: (await readQuotaUsage(sql, quotaDay)).unitsUsed,
      error,
      ...counters,
    };
    logger.info('ingest finished', { ...result, plan: undefined });
    if ('failure' in outcome) throw outcome.failure;
    return result;
  } finally {
    await releaseIngestLock(sql, holder);
  }
}

interface RunOutcome {
  readonly status: IngestRunStatus;
  readonly stopReason: IngestStopReason | null;
  readonly error: string | null;
  /** An error that is not a stop: recorded on the run row, then rethrown. */
  readonly failure?: unknown;
}

/** How a run that threw ended: one of the clean stops (partial), or a failure. */
function outcomeOf(caught: unknown): RunOutcome {
  const error = caught instanceof Error ? caught.message : String(caught);
  if (caught instanceof QuotaExceededError) return { status: 'partial', stopReason: 'quota_exceeded', error };
  if (caught instanceof BudgetExhaustedError)
    return { status: 'partial', stopReason: 'budget_exhausted', error };
  if (caught instanceof TimeLimitError) return { status: 'partial', stopReason: 'time_limit', error };
  return { status: 'failed', stopReason: null, error, failure: caught };
}

/** What the steps of the run share: the meter, the counters, the known categories, the hooks. */
async function createContext(
  deps: IngestDeps,
  run: Pick<IngestContext, 'meter' | 'now' | 'day' | 'quotaDay' | 'logger'> & { planned: number },
  o: { minTimeLeftMs: number },
): Promise<IngestContext> {
  const { meter } = run;
  const { rows: categoryRows } = await deps.sql.query<{ category_id: number }>(
    'SELECT category_id FROM categories',
  );
  return {
    ...run,
    sql: deps.sql,
    youtube: deps.youtube,
    counters: { channelsUpdated: 0, videosDiscovered: 0, videosUpdated: 0, videosRemoved: 0, shorts: 0 },
    categories: new Set(categoryRows.map((r) => r.category_id)),
    categoriesAsked: new Set(),
    fetched: new Set(),
    hooks: {
      beforeAttempt(method) {
        const ms = deps.timeLeftMs?.();
        if (ms !== undefined && ms < o.minTimeLeftMs)
          throw new TimeLimitError(`${ms} ms left; stopping cleanly`);
        meter.spend(method);
      },
    },
    progress(detail) {
      // The plan is an estimate (a new category costs one more unit): never show done > total.
      deps.onProgress?.({
        done: meter.used,
        total: Math.max(run.planned, meter.used),
        unit: 'units',
        detail,
      });
    },
  };
}
