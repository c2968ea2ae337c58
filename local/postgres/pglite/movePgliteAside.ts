import { mkdir, readdir, rename } from 'node:fs/promises';
import path from 'node:path';
import type { DataDirLayout } from '../dataDirLayout.ts';

/** The names tubelens itself keeps in a data dir; everything else in a PGlite `--data-dir` is PGlite's. */
const OURS = new Set(['postgres', 'server.json', 'secret', 'run', 'pglite-backup', 'explorer-public', 's3']);

/**
 * Keeps the converted PGlite files, out of the way, in `<dir>/pglite-backup` (or `-2`, `-3`...
 * when one exists): never deleted, so nothing is lost if something went unnoticed.
 */
export async function movePgliteAside(layout: DataDirLayout, legacy: string): Promise<string> {
  let backup = layout.pgliteBackup;
  for (
    let n = 2;
    await readdir(backup).then(
      () => true,
      () => false,
    );
    n += 1
  ) {
    backup = `${layout.pgliteBackup}-${n}`;
  }
  if (path.resolve(legacy) !== layout.root) {
    await rename(legacy, backup);
    return backup;
  }
  // The data dir itself was PGlite's: move its entries, not the folder that now holds the cluster.
  await mkdir(backup);
  for (const name of await readdir(legacy)) {
    if (!OURS.has(name)) await rename(path.join(legacy, name), path.join(backup, name));
  }
  return backup;
}
