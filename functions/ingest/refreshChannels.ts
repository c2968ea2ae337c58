import { addQuotaUnits } from '../../db/ingest/quotaUsage.ts';
import { saveChannelStatus, type TrackedChannel } from '../../db/ingest/trackedChannels.ts';
import { upsertChannels } from '../../db/ingest/upsertChannels.ts';
import type { IngestContext } from './IngestContext.ts';
import { toChannelRecord } from './youtube/toRecords.ts';
import { MAX_RESULTS } from './youtube/YouTubeApi.ts';

/**
 * channels.list for every tracked channel, 50 ids a call: writes statistics, the uploads
 * playlist and today's channel snapshot. Returns the channels with fresh playlist ids and video
 * counts; channels the API no longer returns are marked not_found and left out.
 */
export async function refreshChannels(
  ctx: IngestContext,
  tracked: readonly TrackedChannel[],
): Promise<TrackedChannel[]> {
  const out: TrackedChannel[] = [];
  for (let i = 0; i < tracked.length; i += MAX_RESULTS) {
    const batch = tracked.slice(i, i + MAX_RESULTS);
    const response = await ctx.youtube.listChannels({ ids: batch.map((c) => c.channelId) }, ctx.hooks);
    const records = new Map(response.items.map((c) => [c.id, toChannelRecord(c)]));
    const missing = batch.filter((c) => !records.has(c.channelId)).map((c) => c.channelId);
    const units = ctx.meter.pending();
    await ctx.sql.transaction(async (tx) => {
      await upsertChannels(tx, [...records.values()], ctx.day);
      await saveChannelStatus(tx, [...records.keys()], missing, ctx.now);
      await addQuotaUnits(tx, ctx.quotaDay, units);
    });
    ctx.meter.persisted(units);
    if (missing.length) ctx.logger.warn('channels not returned by channels.list', { channelIds: missing });
    ctx.counters.channelsUpdated += records.size;
    for (const c of batch) {
      const r = records.get(c.channelId);
      if (r)
        out.push({ ...c, uploadsPlaylistId: r.uploadsPlaylistId, videoCount: r.videoCount, title: r.title });
    }
    ctx.progress(`channels ${Math.min(i + MAX_RESULTS, tracked.length)}/${tracked.length}`);
  }
  return out;
}
