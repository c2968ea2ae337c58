import * as z from 'zod/mini';
import { count, instant, rate } from './common.ts';

/**
 * How a channel's recent uploads did at equal age. A video's "views at N days" is its snapshot
 * on the UTC day N days after the day it was published (interpolated between the snapshots on
 * either side when that day was missed), and only when its snapshots cover it from publication:
 * the first one is at most one day after. Comparing videos at the same age is fair to new ones;
 * comparing latest views is not (a year-old video has had a year to collect them).
 */

/** A video is compared with the median of this many uploads before it, at the same age. */
export const PREVIOUS_UPLOADS = 10;
/** Fewer comparable uploads than this and the same-age score is not computed. */
export const MIN_COMPARED = 3;
/** The newest uploads listed per channel. */
export const RECENT_UPLOADS = 20;
/** Age-normalised curves are drawn for this many newest covered uploads. */
export const CURVE_UPLOADS = 10;
/** Curves and scores go up to this age (days); an older video is compared at this age. */
export const CURVE_DAYS = 28;
/** The ages the report quotes views at. */
export const QUOTED_AGES = [1, 7, 28] as const;

export const outlierScore = z.object({
  /**
   * `sameAge`: views / the median views of the channel's previous uploads at the same age (the
   * outlier score of outlier tools). `lifetimeMedian`: latest views / the median latest views of
   * all the channel's videos, used only where the same-age score cannot be computed.
   */
  basis: z.enum(['sameAge', 'lifetimeMedian']),
  score: rate,
  median: count,
  /** The age compared at (sameAge only). */
  ageDays: z.nullable(z.int().check(z.nonnegative())),
  /** 1 = the most views among this video and the uploads compared with it (sameAge only). */
  rank: z.nullable(z.int().check(z.positive())),
  /** How many were ranked: this video and the uploads compared with it (sameAge only). */
  of: z.nullable(z.int().check(z.positive())),
});

export const recentUpload = z.object({
  videoId: z.string(),
  title: z.string(),
  publishedAt: instant,
  /** Days from the UTC day of publication to the video's newest snapshot. */
  ageDays: z.int().check(z.nonnegative()),
  views: count,
  /** Whether its snapshots start at most one day after publication. */
  coveredFromPublication: z.boolean(),
  /** Views at 1, 7 and 28 days; null when not covered or not that old yet. */
  viewsAt: z.object({ d1: z.nullable(count), d7: z.nullable(count), d28: z.nullable(count) }),
  /** null when neither score can be computed (a channel whose median is 0). */
  outlier: z.nullable(outlierScore),
});

export const performanceCurve = z.object({
  videoId: z.string(),
  title: z.string(),
  publishedAt: instant,
  /** Views at age 0, 1, ... up to CURVE_DAYS or the video's age; null where no snapshot says. */
  views: z.array(z.nullable(count)),
});

export const videoPerformance = z.object({
  previousUploads: count,
  /** The newest uploads, newest first, at most RECENT_UPLOADS. */
  recent: z.array(recentUpload),
  /** The newest covered uploads' curves, newest first, at most CURVE_UPLOADS. */
  curves: z.array(performanceCurve),
  /** The median of the curves at each age (null where fewer than MIN_COMPARED have a value). */
  typical: z.array(z.nullable(count)),
});

export type OutlierScore = z.infer<typeof outlierScore>;
export type RecentUpload = z.infer<typeof recentUpload>;
export type PerformanceCurve = z.infer<typeof performanceCurve>;
export type VideoPerformance = z.infer<typeof videoPerformance>;
