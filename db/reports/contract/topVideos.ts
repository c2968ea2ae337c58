import * as z from 'zod/mini';
import { count, dataAsOf, instant } from './common.ts';

/** How many videos `topVideos` lists. */
export const TOP_VIDEOS = 100;

/** The most-viewed videos (latest snapshot), views descending, ties by videoId. */
export const topVideosReport = z.object({
  dataAsOf,
  videos: z.array(
    z.object({
      videoId: z.string(),
      title: z.string(),
      channelId: z.string(),
      channelTitle: z.string(),
      publishedAt: instant,
      views: count,
      likes: count,
      comments: count,
      /** Null when the category is not known. */
      categoryId: z.nullable(z.int()),
    }),
  ),
});

export type TopVideosReport = z.infer<typeof topVideosReport>;
