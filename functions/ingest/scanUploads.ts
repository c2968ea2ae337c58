import { addQuotaUnits } from '../../db/ingest/quotaUsage.ts';
import { saveUploadsCursor, type TrackedChannel } from '../../db/ingest/trackedChannels.ts';
import { enqueueVideos } from '../../db/ingest/videoQueue.ts';
import type { IngestContext } from './IngestContext.ts';

/**
 * Reads the top of a channel's uploads playlist (newest first) until a page holds a video that
 * is already known: everything above it is a new upload and goes to the queue. One unit a page.
 */
export async function scanNewUploads(ctx: IngestContext, channel: TrackedChannel): Promise<void> {
  const playlistId = channel.uploadsPlaylistId;
  if (!playlistId) return;
  let pageToken: string | undefined;
  for (let page = 1; ; page += 1) {
    const response = await ctx.youtube.listPlaylistItems({ playlistId, pageToken }, ctx.hooks);
    const items = pageItems(response, channel.channelId, 'upload');
    const units = ctx.meter.pending();
    const added = await ctx.sql.transaction(async (tx) => {
      const queued = await enqueueVideos(tx, items, ctx.now);
      await addQuotaUnits(tx, ctx.quotaDay, units);
      return queued;
    });
    ctx.meter.persisted(units);
    ctx.counters.videosDiscovered += added.size;
    ctx.progress(`new uploads of ${channel.title}: page ${page}`);
    pageToken = response?.nextPageToken;
    const sawKnown = items.some((i) => !added.has(i.videoId));
    if (sawKnown || !pageToken) return;
  }
}

/**
 * Continues the walk of a channel's whole uploads playlist from where the last run stopped,
 * saving the next page token with every page, so quotaExceeded loses at most one page.
 * Page tokens encode an offset: uploads added between runs shift the list, so a resumed walk
 * may see a few videos twice (harmless: the queue ignores known ids). Calls `afterPage` so the
 * caller can fetch details as soon as 50 are queued.
 */
export async function walkUploads(
  ctx: IngestContext,
  channel: TrackedChannel,
  afterPage: () => Promise<void>,
): Promise<void> {
  const playlistId = channel.uploadsPlaylistId;
  if (!playlistId) {
    await saveUploadsCursor(ctx.sql, channel.channelId, { pageToken: null, complete: true });
    return;
  }
  let pageToken = channel.uploadsPageToken ?? undefined;
  for (let page = 1; ; page += 1) {
    const response = await ctx.youtube.listPlaylistItems({ playlistId, pageToken }, ctx.hooks);
    const next = response?.nextPageToken ?? null;
    const units = ctx.meter.pending();
    const added = await ctx.sql.transaction(async (tx) => {
      const queued = await enqueueVideos(tx, pageItems(response, channel.channelId, 'backfill'), ctx.now);
      await saveUploadsCursor(tx, channel.channelId, { pageToken: next, complete: next === null });
      await addQuotaUnits(tx, ctx.quotaDay, units);
      return queued;
    });
    ctx.meter.persisted(units);
    ctx.counters.videosDiscovered += added.size;
    ctx.progress(`uploads of ${channel.title}: page ${page}`);
    await afterPage();
    if (next === null) return;
    pageToken = next;
  }
}

function pageItems(
  response: Awaited<ReturnType<IngestContext['youtube']['listPlaylistItems']>>,
  channelId: string,
  source: 'upload' | 'backfill',
) {
  return (response?.items ?? []).map((i) => ({
    videoId: i.snippet.resourceId.videoId,
    channelId,
    publishedAt: i.contentDetails?.videoPublishedAt ?? i.snippet.publishedAt ?? null,
    source,
  }));
}
