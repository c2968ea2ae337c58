import * as z from 'zod/mini';
import { count, dataAsOf, day } from './common.ts';

/** The overview's daily series covers this many days up to the newest channel snapshot. */
export const GROWTH_OVERVIEW_DAYS = 90;
/** How many channels each "fastest growing" list names. */
export const TOP_GAINERS = 10;

const signed = z.int();

/** Changes summed over the channels with snapshots at both ends of a period. */
const periodGain = z.object({
  /** Channels whose newest snapshot is on the newest day and that have one near the start. */
  channels: count,
  subscribers: signed,
  views: signed,
  videos: signed,
});

const gainer = z.object({
  channelId: z.string(),
  title: z.string(),
  /** The newest subscriber count as published (rounded by the API). */
  subscribers: z.nullable(count),
  gained: signed,
  /** Days between the two snapshots compared. */
  days: z.int().check(z.positive()),
});

/**
 * The overview's growth section, from the daily channel snapshots (`channel_daily_stats`).
 * `daily` is each day's change summed over the channels with a snapshot that day and one before
 * it (so a channel that starts being tracked adds its gains, never its whole count). Subscriber
 * sums are sums of published, rounded counts (see channelGrowth).
 */
export const growthReport = z.object({
  dataAsOf,
  /** The newest day with a channel snapshot; null when there are none. */
  lastDay: z.nullable(day),
  /** Channels with at least one daily channel snapshot. */
  channels: count,
  daily: z.array(z.object({ day, channels: count, subscribers: signed, views: signed, videos: signed })),
  gains: z.object({
    day: z.nullable(periodGain),
    week: z.nullable(periodGain),
    month: z.nullable(periodGain),
  }),
  /** The channels that gained the most over the last 28 days. */
  top: z.object({ subscribers: z.array(gainer), views: z.array(gainer) }),
});

export type GrowthReport = z.infer<typeof growthReport>;
export type GrowthGainer = z.infer<typeof gainer>;
