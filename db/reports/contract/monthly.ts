import * as z from 'zod/mini';
import { count, dataAsOf, month } from './common.ts';

/**
 * Uploads and views by month of publication (UTC), oldest first, every month between the first
 * and the last upload present (months without uploads have zeros, so a chart has no gaps).
 * `views` is the sum of the latest views of the videos published in that month.
 */
export const monthlyReport = z.object({
  dataAsOf,
  months: z.array(
    z.object({
      month,
      uploads: count,
      views: count,
    }),
  ),
});

export type MonthlyReport = z.infer<typeof monthlyReport>;
