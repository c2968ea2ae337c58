import * as z from 'zod/mini';
import { channelGrowth } from './channelGrowth.ts';
import { channelIndexEntry } from './channelIndex.ts';
import { count, dataAsOf, day, instant, month, rate } from './common.ts';
import { videoPerformance } from './videoPerformance.ts';

/** A video is a breakout when its views are at least this many times the channel's median. */
export const BREAKOUT_MULTIPLIER = 5;

/** At most this many videos are listed per channel (the most viewed); `videosListed` says how many. */
export const CHANNEL_VIDEOS_LIMIT = 500;

const channelVideo = z.object({
  videoId: z.string(),
  title: z.string(),
  publishedAt: instant,
  views: count,
  likes: count,
  comments: count,
  durationSeconds: z.nullable(count),
  /** Whole days from publication to the video's latest snapshot (at least 1). */
  ageDays: z.int().check(z.gte(1)),
  /** views / ageDays. */
  viewsPerDay: rate,
  /** views / the channel's median views; null when the median is 0. */
  medianMultiple: z.nullable(rate),
  breakout: z.boolean(),
});

/**
 * One channel's page, published as its own object so the page fetches only its channel.
 * `dataAsOf` is the newest snapshot day of this channel's videos.
 */
export const channelReport = z.object({
  dataAsOf,
  channel: channelIndexEntry,
  /**
   * The channel's views on each day a snapshot changed them: for each video the latest snapshot
   * on or before the day (carried forward), summed over the channel's videos. Oldest first.
   */
  viewsOverTime: z.array(z.object({ day, views: count })),
  /** The most viewed videos (views descending, ties by videoId), at most CHANNEL_VIDEOS_LIMIT. */
  videos: z.array(channelVideo),
  videosListed: count,
  cadence: z.object({
    /** Uploads per month (UTC) from the first to the last upload, zeros included. */
    byMonth: z.array(z.object({ month, uploads: count })),
    /** Median days between consecutive uploads; null with fewer than two uploads. */
    medianDaysBetweenUploads: z.nullable(rate),
  }),
  breakoutMultiplier: rate,
  /**
   * Videos with views >= breakoutMultiplier x the channel's lifetime median (the median latest
   * views of all its videos), views descending. Where a video has a same-age outlier score
   * (`performance.recent`), that score is the better measure and readers should say which is which.
   */
  breakouts: z.array(
    z.object({ videoId: z.string(), title: z.string(), views: count, medianMultiple: rate }),
  ),
  /** Subscribers, views and uploads over time from the daily channel snapshots (growth reports). */
  growth: z.optional(channelGrowth),
  /** The newest uploads at equal age (growth reports). */
  performance: z.optional(videoPerformance),
});

export type ChannelReport = z.infer<typeof channelReport>;
export type ChannelVideo = z.infer<typeof channelVideo>;
