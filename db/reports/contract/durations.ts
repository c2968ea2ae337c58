import * as z from 'zod/mini';
import { count, dataAsOf } from './common.ts';

/** Bucket edges in seconds: under 1 min, 1-4, 4-10, 10-20, 20-60 min, over an hour. */
export const DURATION_BUCKET_EDGES = [0, 60, 240, 600, 1200, 3600] as const;

const bucket = z.object({
  /** Inclusive lower bound, seconds. */
  minSeconds: count,
  /** Exclusive upper bound, seconds; null for the last, open bucket. */
  maxSeconds: z.nullable(count),
  videos: count,
  /** Median latest views of the bucket's videos; 0 when the bucket is empty. */
  medianViews: count,
});

/**
 * Duration against median views. When no video has a known duration (the 2017 trending data
 * has none), `state` is `unknown` and there are no buckets: the page says so instead of drawing.
 * When some are known, `videosWithDuration` says how many of `videos` the buckets cover.
 */
export const durationsReport = z.discriminatedUnion('state', [
  z.object({
    dataAsOf,
    state: z.literal('known'),
    videos: count,
    videosWithDuration: count,
    buckets: z.array(bucket),
  }),
  z.object({
    dataAsOf,
    state: z.literal('unknown'),
    videos: count,
    videosWithDuration: z.literal(0),
    /** A sentence for the page, e.g. "Durations are not known for this data." */
    message: z.string(),
  }),
]);

export type DurationsReport = z.infer<typeof durationsReport>;
export type DurationBucket = z.infer<typeof bucket>;
