import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { BulkSession } from './bulkSession.ts';
import { CategoryFileError } from './errors.ts';

export interface Category {
  readonly id: number;
  readonly title: string;
  readonly assignable: boolean;
}

/** The parts of a YouTube `videoCategories.list` response the loader uses. */
const CategoryListResponse = z.object({
  items: z.array(
    z.object({
      id: z.string().regex(/^\d+$/),
      snippet: z.object({ title: z.string(), assignable: z.boolean().default(true) }),
    }),
  ),
});

/** Parses a videoCategories.list response (the Kaggle `*_category_id.json` files are one). */
export function parseCategoryList(json: string, source: string): Category[] {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (cause) {
    throw new CategoryFileError(`${source}: not JSON: ${(cause as Error).message}`, { cause });
  }
  const parsed = CategoryListResponse.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new CategoryFileError(
      `${source}: not a videoCategories.list response (${issue.path.join('.') || 'top level'}: ${issue.message})`,
    );
  }
  return parsed.data.items.map((i) => ({
    id: Number(i.id),
    title: i.snippet.title,
    assignable: i.snippet.assignable,
  }));
}

export async function readCategoryFile(file: string): Promise<Category[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    throw new CategoryFileError(`${file}: cannot read: ${(cause as Error).message}`, { cause });
  }
  return parseCategoryList(text, file);
}

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i += 1;
  return i;
}

/**
 * The category file that belongs to a trending CSV: a `*category_id*.json` in the same folder,
 * the one whose name shares the longest prefix with the CSV's (Kaggle ships `USvideos.csv` with
 * `US_category_id.json`; our copies are `..._US_2017-...csv` with `..._US_category_id_2017.json`).
 */
export async function findCategoryFile(csvFile: string): Promise<string | undefined> {
  const dir = path.dirname(csvFile);
  const base = path.basename(csvFile);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return undefined;
  }
  const candidates = names.filter((n) => /category_id.*\.json$/i.test(n)).sort();
  let best: string | undefined;
  let bestLength = -1;
  for (const name of candidates) {
    const length = commonPrefix(name, base);
    if (length > bestLength) [best, bestLength] = [name, length];
  }
  return best === undefined ? undefined : path.join(dir, best);
}

const UPSERT_CATEGORIES = /* sql */ `
INSERT INTO categories (category_id, title, assignable)
SELECT c.id, c.title, c.assignable
FROM jsonb_to_recordset($1::text::jsonb) AS c(id integer, title text, assignable boolean)
ON CONFLICT (category_id) DO UPDATE SET title = excluded.title, assignable = excluded.assignable
WHERE (categories.title, categories.assignable) IS DISTINCT FROM (excluded.title, excluded.assignable)`;

/** Inserts or updates the categories (they replace any "Category N" placeholders). */
export async function upsertCategories(session: BulkSession, categories: readonly Category[]): Promise<void> {
  if (categories.length > 0) await session.query(UPSERT_CATEGORIES, [JSON.stringify(categories)]);
}
