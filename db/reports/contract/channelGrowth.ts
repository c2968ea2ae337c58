import * as z from 'zod/mini';
import { count, day } from './common.ts';

/**
 * A channel's growth from its daily channel snapshots (`channel_daily_stats`: the API's
 * subscriberCount, viewCount and videoCount, written by the ingest and the tracker import).
 *
 * Subscriber counts are rounded by YouTube: since September 2019 the API returns subscriberCount
 * rounded down to SUBSCRIBER_SIGNIFICANT_FIGURES significant figures, so a channel with 123,456
 * subscribers reads 123,000 until it passes 124,000. Readers must show such counts as steps: a
 * day without a step is "no visible change", never a gain of zero or a share of the next step.
 */
export const SUBSCRIBER_SIGNIFICANT_FIGURES = 3;

/** A channel report carries at most this many days of snapshots (the newest). */
export const GROWTH_DAYS = 730;

/** The milestone projection fits the snapshots of this many days before the newest one. */
export const MILESTONE_BASIS_DAYS = 90;

/** A projection further away than this (days) is not made: the trend says nothing that far. */
export const MILESTONE_HORIZON_DAYS = 3650;

const signed = z.int();

/** One day with a channel snapshot. A count the API hid (or the tracker left empty) is null. */
export const growthDay = z.object({
  day,
  subscribers: z.nullable(count),
  views: z.nullable(count),
  videos: z.nullable(count),
});

/** The change between the newest snapshot and the one nearest before `days` earlier. */
export const growthGain = z.object({
  /** Days between the two snapshots compared (a tracker may have missed the exact day). */
  days: z.int().check(z.positive()),
  subscribers: z.nullable(signed),
  views: z.nullable(signed),
  videos: z.nullable(signed),
});

export const milestone = z.object({
  /** The next milestone above the newest count: 1 to 10 times a power of ten (2M, 300K, 9K). */
  target: count,
  /** The newest subscriber count as published. */
  current: count,
  /** Trend: least-squares slope of the counts over `basisDays`, in subscribers per day. */
  perDay: z.number(),
  basisDays: count,
  /** When the trend reaches the target; null when it does not within MILESTONE_HORIZON_DAYS. */
  projectedDay: z.nullable(day),
  /**
   * The plausible range: the slope plus and minus two standard errors, widened by the rounding
   * of the counts. `latestDay` is null when the slow end of that range never gets there.
   */
  earliestDay: z.nullable(day),
  latestDay: z.nullable(day),
});

export const channelGrowth = z.object({
  /** Days with a snapshot, oldest first, at most GROWTH_DAYS. */
  days: z.array(growthDay),
  /**
   * The step the newest subscriber count moves in: 1,000 at 123,000 (3 significant figures), 1
   * below 1,000 or when the counts do not look rounded.
   */
  subscriberStep: count,
  /** Changes over the last 1, 7 and 28 days; null where no snapshot is near enough. */
  gains: z.object({
    day: z.nullable(growthGain),
    week: z.nullable(growthGain),
    month: z.nullable(growthGain),
  }),
  milestone: z.nullable(milestone),
});

export type GrowthDay = z.infer<typeof growthDay>;
export type GrowthGain = z.infer<typeof growthGain>;
export type Milestone = z.infer<typeof milestone>;
export type ChannelGrowth = z.infer<typeof channelGrowth>;

/** One row of the daily gains table (Social Blade's "daily" table), newest first. */
export interface DailyGainRow {
  readonly day: string;
  /** Days since the snapshot before (1 unless the tracker missed days). */
  readonly days: number | null;
  readonly subscribers: number | null;
  /** The step the published count took; 0 is "no visible change", not "none gained". */
  readonly subscribersChange: number | null;
  readonly views: number | null;
  readonly viewsChange: number | null;
  readonly videos: number | null;
  readonly videosChange: number | null;
}

const change = (a: number | null, b: number | null | undefined) =>
  a === null || b === null || b === undefined ? null : a - b;

/** The daily table of the newest `limit` snapshots: each against the snapshot before it. */
export function dailyGains(days: readonly GrowthDay[], limit = 30): DailyGainRow[] {
  const rows: DailyGainRow[] = [];
  for (let i = days.length - 1; i >= 0 && rows.length < limit; i -= 1) {
    const d = days[i]!;
    const p = i > 0 ? days[i - 1] : undefined;
    rows.push({
      day: d.day,
      days: p ? (Date.parse(d.day) - Date.parse(p.day)) / 86_400_000 : null,
      subscribers: d.subscribers,
      subscribersChange: change(d.subscribers, p?.subscribers),
      views: d.views,
      viewsChange: change(d.views, p?.views),
      videos: d.videos,
      videosChange: change(d.videos, p?.videos),
    });
  }
  return rows;
}
