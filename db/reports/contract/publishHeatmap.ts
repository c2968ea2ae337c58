import * as z from 'zod/mini';
import { count, dataAsOf } from './common.ts';

/**
 * When videos are published: all 7 x 24 cells (weekday x hour, in UTC), zeros included, ordered by
 * weekday then hour. `weekday` is ISO: 1 = Monday ... 7 = Sunday.
 */
export const publishHeatmapReport = z.object({
  dataAsOf,
  timeZone: z.literal('UTC'),
  cells: z.array(
    z.object({
      weekday: z.int().check(z.gte(1), z.lte(7)),
      hour: z.int().check(z.gte(0), z.lte(23)),
      uploads: count,
      views: count,
      /** Median latest views of the cell's videos; 0 when the cell has none. */
      medianViews: count,
    }),
  ),
});

export type PublishHeatmapReport = z.infer<typeof publishHeatmapReport>;
