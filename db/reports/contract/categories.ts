import * as z from 'zod/mini';
import { count, dataAsOf } from './common.ts';

/**
 * Views by category, views descending (ties by title). Videos without a category are one row with
 * `categoryId: null` and the title "Unknown category".
 */
export const categoriesReport = z.object({
  dataAsOf,
  categories: z.array(
    z.object({
      categoryId: z.nullable(z.int()),
      title: z.string(),
      videos: count,
      views: count,
      /** Median of the latest views of the category's videos. */
      medianViews: count,
    }),
  ),
});

export type CategoriesReport = z.infer<typeof categoriesReport>;
