import type { SqlExecutor } from '../sql/SqlClient.ts';
import type { CategoriesReport } from './contract/index.ts';
import { clipped, medianOf } from './sqlFragments.ts';

// Grouped by category id alone, the title joined to the ~15 groups afterwards: the median's sort
// of every video is then by an integer, not by an integer and a title (categories.category_id is
// the key, so each id has one title and the rows are the same).
const SQL = /* sql */ `
SELECT g.category_id,
       COALESCE(${clipped('c.title')}, CASE WHEN g.category_id IS NULL THEN 'Unknown category'
                              ELSE 'Category ' || g.category_id END) AS title,
       g.videos, g.views, g.median_views
FROM (
  SELECT v.category_id, count(*)::int AS videos, COALESCE(sum(v.views), 0)::float8 AS views,
         ${medianOf('COALESCE(v.views, 0)')} AS median_views
  FROM videos v
  GROUP BY v.category_id
) g LEFT JOIN categories c USING (category_id)
ORDER BY views DESC, title`;

/** The `categories` report: videos, views and median views per category. */
export async function queryCategories(db: SqlExecutor, dataAsOf: string | null): Promise<CategoriesReport> {
  const { rows } = await db.query<{
    category_id: number | null;
    title: string;
    videos: number;
    views: number;
    median_views: number;
  }>(SQL);
  return {
    dataAsOf,
    categories: rows.map((r) => ({
      categoryId: r.category_id,
      title: r.title,
      videos: r.videos,
      views: r.views,
      medianViews: r.median_views,
    })),
  };
}
