import type { SqlExecutor } from '../sql/SqlClient.ts';
import type { CategoriesReport } from './contract/index.ts';
import { medianOf } from './sqlFragments.ts';

const SQL = /* sql */ `
SELECT v.category_id,
       COALESCE(c.title, CASE WHEN v.category_id IS NULL THEN 'Unknown category'
                              ELSE 'Category ' || v.category_id END) AS title,
       count(*)::int AS videos,
       COALESCE(sum(v.views), 0)::float8 AS views,
       ${medianOf('COALESCE(v.views, 0)')} AS median_views
FROM videos v LEFT JOIN categories c USING (category_id)
GROUP BY v.category_id, c.title
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
