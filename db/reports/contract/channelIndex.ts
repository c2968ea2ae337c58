import * as z from 'zod/mini';
import { count, dataAsOf, instant, rate } from './common.ts';

/** One channel in the index: the numbers the index page sorts and searches by. */
export const channelIndexEntry = z.object({
  channelId: z.string(),
  title: z.string(),
  /** `@handle` when known. */
  handle: z.nullable(z.string()),
  /** Latest subscriber count when known. */
  subscribers: z.nullable(count),
  videos: count,
  views: count,
  likes: count,
  comments: count,
  /** Median latest views of the channel's videos. */
  medianViews: count,
  /** Likes per 1,000 views over all the channel's videos; null when it has no views. */
  likesPer1000: z.nullable(rate),
  commentsPer1000: z.nullable(rate),
  firstUpload: z.nullable(instant),
  lastUpload: z.nullable(instant),
  /** Newest snapshot day of the channel's videos. */
  dataAsOf,
});

/** Every channel, views descending (ties by channelId). */
export const channelIndexReport = z.object({
  dataAsOf,
  channels: z.array(channelIndexEntry),
});

export type ChannelIndexEntry = z.infer<typeof channelIndexEntry>;
export type ChannelIndexReport = z.infer<typeof channelIndexReport>;
