import * as z from 'zod/mini';
import { count, dataAsOf, rate } from './common.ts';

/** Videos with fewer views are left out of the distributions: their ratios are mostly noise. */
export const ENGAGEMENT_MIN_VIEWS = 100;

/** Histogram edges, per 1,000 views. The last bin is open. */
export const LIKES_PER_1000_EDGES = [0, 2, 5, 10, 20, 30, 40, 50, 75, 100] as const;
export const COMMENTS_PER_1000_EDGES = [0, 0.5, 1, 2, 3, 5, 7.5, 10, 15, 20] as const;

const distribution = z.object({
  /** Videos in the distribution (views >= minViews, and the metric not disabled). */
  videos: count,
  /** Sum of the metric over those videos per 1,000 of their views; null when there are none. */
  overall: z.nullable(rate),
  /** Per-video quantiles of the rate; null when there are no videos. */
  quantiles: z.nullable(z.object({ p10: rate, p25: rate, p50: rate, p75: rate, p90: rate })),
  /** One bin per edge: [from, to), the last one [from, infinity) with `to: null`. */
  histogram: z.array(z.object({ from: rate, to: z.nullable(rate), videos: count })),
});

/** Likes and comments per 1,000 views across videos. */
export const engagementReport = z.object({
  dataAsOf,
  minViews: count,
  likesPer1000: distribution,
  commentsPer1000: distribution,
});

export type EngagementReport = z.infer<typeof engagementReport>;
export type EngagementDistribution = z.infer<typeof distribution>;
