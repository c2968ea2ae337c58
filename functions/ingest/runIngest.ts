import { randomUUID } from 'node:crypto';
import { acquireIngestLock, releaseIngestLock } from '../../db/ingest/ingestLock.ts';
import {
  finishIngestRun,
  type IngestRunStatus,
  type IngestStopReason,
  startIngestRun,
} from '../../db/ingest/ingestRuns.ts';
import { addQuotaUnits, readQuotaUsage } from '../../db/ingest/quotaUsage.ts';
import { countRefreshWork, nextDueVideos, nextFreshVideos } from '../../db/ingest/refreshWork.ts';
import { listTrackedChannels } from '../../db/ingest/trackedChannels.ts';
import { countQueuedVideos, nextQueuedVideos } from '../../db/ingest/videoQueue.ts';
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
import { refreshChannels } from './refreshChannels.ts';
import { scanNewUploads, walkUploads } from './scanUploads.ts';
import { createVideoBatcher, type VideoBatcher } from './videoBatcher.ts';
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
    const counters: IngestCounters = {
      channelsUpdated: 0,
      videosDiscovered: 0,
      videosUpdated: 0,
      videosRemoved: 0,
      shorts: 0,
    };
    const { rows: categoryRows } = await sql.query<{ category_id: number }>(
      'SELECT category_id FROM categories',
    );
    const ctx: IngestContext = {
      sql,
      youtube: deps.youtube,
      meter,
      now,
      day,
      quotaDay,
      logger,
      counters,
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
          total: Math.max(plan.granted, meter.used),
          unit: 'units',
          detail,
        });
      },
    };

    let status: IngestRunStatus = 'completed';
    let stopReason: IngestStopReason | null = null;
    let error: string | null = null;
    let failure: unknown;
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
      await spend(ctx, tracked, { day, recentSince, refreshAgain: o.refreshAgain });
    } catch (caught) {
      if (caught instanceof QuotaExceededError) {
        [status, stopReason] = ['partial', 'quota_exceeded'];
        await addQuotaUnits(sql, quotaDay, 0, clock());
      } else if (caught instanceof BudgetExhaustedError)
        [status, stopReason] = ['partial', 'budget_exhausted'];
      else if (caught instanceof TimeLimitError) [status, stopReason] = ['partial', 'time_limit'];
      else [status, failure] = ['failed', caught];
      error = caught instanceof Error ? caught.message : String(caught);
    }
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
    if (failure !== undefined) throw failure;
    return result;
  } finally {
    await releaseIngestLock(sql, holder);
  }
}

/** The tiers, in order of value; each stops at the first stop error (which propagates). */
async function spend(
  ctx: IngestContext,
  tracked: Awaited<ReturnType<typeof listTrackedChannels>>,
  at: { day: string; recentSince: Date; refreshAgain: boolean },
): Promise<void> {
  const batcher = createVideoBatcher(ctx);
  try {
    const channels = tracked.length ? await refreshChannels(ctx, tracked) : [];

    // New uploads: the top of every playlist that has a known video, then their details.
    for (const c of channels) if (c.knownVideos + c.queuedVideos > 0) await scanNewUploads(ctx, c);
    await addQueued(ctx, batcher, 'new uploads');

    await addDue(ctx, batcher, 'recent', at);

    // Older uploads: walk playlists not read to the end yet, queueing details as pages come.
    for (const c of channels) {
      if (!c.uploadsComplete) await walkUploads(ctx, c, () => addQueued(ctx, batcher, 'older uploads'));
    }
    await addQueued(ctx, batcher, 'older uploads');

    await addDue(ctx, batcher, 'longTail', at);
    if (at.refreshAgain) await addFresh(ctx, batcher, at.day);
    await batcher.flush();
  } catch (error) {
    // The reserved unit fetches the videos already waiting before the run stops.
    if (error instanceof BudgetExhaustedError && batcher.pending) await batcher.flush();
    throw error;
  }
}

// Heads of 500 ids: at most 49 wait in the batch, so a head holds new ones while any are left,
// and one sorted read feeds ten videos.list calls (the Data API returns up to 1,000 records).
const HEAD = 500;

/** Adds every queued video (new uploads first) to the batcher. */
async function addQueued(ctx: IngestContext, batcher: VideoBatcher, what: string): Promise<void> {
  for (;;) {
    const ids = (await nextQueuedVideos(ctx.sql, HEAD)).filter((id) => !batcher.seen(id));
    if (ids.length === 0) return;
    await batcher.add(ids, what);
  }
}

/**
 * Adds the due videos of a tier. A fetched video leaves the due set (stats_day = today, or
 * removed); one that does not (e.g. moved to a channel that is not tracked) is fetched once only.
 */
async function addDue(
  ctx: IngestContext,
  batcher: VideoBatcher,
  tier: 'recent' | 'longTail',
  at: { day: string; recentSince: Date },
): Promise<void> {
  for (;;) {
    const ids = (await nextDueVideos(ctx.sql, { ...at, tier, limit: HEAD })).filter(
      (id) => !batcher.seen(id),
    );
    if (ids.length === 0) return;
    await batcher.add(ids, tier === 'recent' ? 'recent videos' : 'long tail');
  }
}

/** Adds videos already refreshed today (before this run), in id order. */
async function addFresh(ctx: IngestContext, batcher: VideoBatcher, day: string): Promise<void> {
  let after = '';
  for (;;) {
    // 500 ids a query: the Data API returns at most 1,000 records a call.
    const ids = await nextFreshVideos(ctx.sql, { day, after, limit: 500 });
    await batcher.add(ids, 'again');
    if (ids.length < 500) return;
    after = ids.at(-1) ?? after;
  }
}
