import { nextDueVideos, nextFreshVideos } from '../../db/ingest/refreshWork.ts';
import type { listTrackedChannels } from '../../db/ingest/trackedChannels.ts';
import { nextQueuedVideos } from '../../db/ingest/videoQueue.ts';
import { BudgetExhaustedError } from './errors.ts';
import type { IngestContext } from './IngestContext.ts';
import { refreshChannels } from './refreshChannels.ts';
import { scanNewUploads, walkUploads } from './scanUploads.ts';
import { createVideoBatcher, type VideoBatcher } from './videoBatcher.ts';

/**
 * Spends a run's units on the tiers, in order of value: channel statistics, new uploads, recent
 * videos, older uploads, the long tail (and, if asked, videos already refreshed today). Each stops
 * at the first stop error (quota, budget, time), which propagates to runIngest.
 */
export async function spendUnits(
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
