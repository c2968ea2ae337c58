import type { SqlExecutor } from '../sql/SqlClient.ts';
import type { MonthlyReport } from './contract/index.ts';

// One scan of videos grouped by month, then every month of the span so the chart has no gaps.
const SQL = /* sql */ `
WITH by_month AS (
  SELECT date_trunc('month', published_at AT TIME ZONE 'UTC') AS month,
         count(*) AS uploads, COALESCE(sum(views), 0) AS views
  FROM videos
  GROUP BY 1
), span AS (
  SELECT s.month
  FROM (SELECT min(month) AS lo, max(month) AS hi FROM by_month) b,
       generate_series(b.lo, b.hi, interval '1 month') AS s(month)
)
SELECT to_char(span.month, 'YYYY-MM') AS month,
       COALESCE(m.uploads, 0)::int AS uploads, COALESCE(m.views, 0)::float8 AS views
FROM span LEFT JOIN by_month m USING (month)
ORDER BY span.month`;

/** The `monthly` report: uploads and views by month of publication. */
export async function queryMonthly(db: SqlExecutor, dataAsOf: string | null): Promise<MonthlyReport> {
  const { rows } = await db.query<{ month: string; uploads: number; views: number }>(SQL);
  return { dataAsOf, months: rows };
}
