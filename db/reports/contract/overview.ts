import * as z from 'zod/mini';
import { count, dataAsOf } from './common.ts';

/** How many channels `overview.topChannels` lists (the contract promises at least 10). */
export const TOP_CHANNELS = 25;

/**
 * The front page (fixed contract, other tools read it). A video's views are its latest snapshot;
 * a channel's views are the sum over its videos. `topChannels` is sorted by views descending, ties
 * by channelId, and lists min(TOP_CHANNELS, channels) entries.
 */
export const overviewReport = z.object({
  dataAsOf,
  totals: z.object({
    channels: count,
    videos: count,
    views: count,
    likes: count,
    comments: count,
  }),
  topChannels: z.array(
    z.object({
      channelId: z.string(),
      title: z.string(),
      views: count,
      videos: count,
    }),
  ),
});

export type OverviewReport = z.infer<typeof overviewReport>;
