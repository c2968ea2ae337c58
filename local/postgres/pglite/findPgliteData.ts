import { access } from 'node:fs/promises';
import path from 'node:path';
import type { DataDirLayout } from '../dataDirLayout.ts';

/**
 * The PGlite database an earlier tubelens (0.1) left in this data dir, if any: `<dir>/pgdata` by
 * default, or the `--data-dir` itself when one was given. Either holds a `PG_VERSION` file; the
 * embedded server's own cluster lives in `<dir>/postgres`, so neither place can be it.
 */
export async function findPgliteData(layout: DataDirLayout): Promise<string | undefined> {
  for (const candidate of layout.legacyPglite) {
    const exists = await access(path.join(candidate, 'PG_VERSION')).then(
      () => true,
      () => false,
    );
    if (exists) return candidate;
  }
  return undefined;
}
