import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSite as buildSiteInto } from '../../../local/site/buildSite.ts';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const cacheRoot = path.join(repo, 'node_modules/.cache/tubelens-site-tests');

async function filesUnder(dir: string): Promise<string[]> {
  const names = (await readdir(dir, { recursive: true })) as string[];
  const files: string[] = [];
  for (const name of names.sort()) {
    const file = path.join(dir, name);
    if ((await stat(file)).isFile()) files.push(file);
  }
  return files;
}

/** The tests' build settings: defaults, and the explorer the pages link to. */
export const TEST_EXPLORER_URL = 'https://explorer.example.test/';
const BUILD_ENV = {
  TUBELENS_DATA_BASE: '',
  TUBELENS_STALE_AFTER_HOURS: '',
  TUBELENS_EXPLORER_URL: TEST_EXPLORER_URL,
};

/** Hash of everything the build reads: the site's sources, the contract it imports, its settings. */
async function sourceHash(): Promise<string> {
  const hash = createHash('sha256');
  hash.update(JSON.stringify(BUILD_ENV));
  for (const dir of ['site/src', 'site/public', 'db/reports/contract']) {
    const abs = path.join(repo, dir);
    if (!existsSync(abs)) continue;
    for (const file of await filesUnder(abs)) {
      hash.update(path.relative(repo, file));
      hash.update(await readFile(file));
    }
  }
  hash.update(await readFile(path.join(repo, 'site/astro.config.mjs')));
  return hash.digest('hex').slice(0, 16);
}

/**
 * Builds the site with the real `astro build` into a cache directory named by the hash of its
 * sources, and returns that directory. Test files running at once share one build: the first
 * takes a lock (an exclusive mkdir), the others wait for its output.
 */
export async function buildSite(): Promise<string> {
  const outDir = path.join(cacheRoot, await sourceHash());
  if (existsSync(path.join(outDir, 'index.html'))) return outDir;
  await mkdir(cacheRoot, { recursive: true });
  const lock = `${outDir}.lock`;
  for (;;) {
    try {
      await mkdir(lock);
      break;
    } catch {
      if (existsSync(path.join(outDir, 'index.html'))) return outDir;
      const held = await stat(lock).catch(() => null);
      // A lock older than 3 minutes belongs to a run that died mid-build.
      if (held && Date.now() - held.mtimeMs > 180_000) await rm(lock, { recursive: true, force: true });
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    if (existsSync(path.join(outDir, 'index.html'))) return outDir;
    const temp = `${outDir}.tmp-${process.pid}`;
    await rm(temp, { recursive: true, force: true });
    // The real build, as `npm run build` and `startSite` run it, with the default settings and an
    // explorer to link to.
    await buildSiteInto(temp, { ...process.env, ...BUILD_ENV });
    await rename(temp, outDir);
    return outDir;
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}
