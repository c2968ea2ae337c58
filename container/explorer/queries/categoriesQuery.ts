import type { SqlExecutor } from '../../../db/sql/SqlClient.ts';
import type { CategoryOption } from '../../shared/protocol.ts';

/** Categories that some video uses, for the category filter. */
export async function categoriesQuery(db: SqlExecutor): Promise<CategoryOption[]> {
  const { rows } = await db.query<{ category_id: number; title: string }>(
    `SELECT category_id, title FROM categories c
     WHERE EXISTS (SELECT 1 FROM videos v WHERE v.category_id = c.category_id)
     ORDER BY title, category_id`,
  );
  return rows.map((r) => ({ categoryId: r.category_id, title: r.title }));
}
