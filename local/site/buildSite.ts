import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const repo = fileURLToPath(new URL('../../', import.meta.url));

/** Where `npm run build` puts the site. */
export const DEFAULT_SITE_DIR = path.join(repo, 'site/dist');

export class SiteBuildError extends Error {
  override name = 'SiteBuildError';
}

/**
 * Runs `astro build` for `site/` into `outDir` (default site/dist), as `npm run build` does.
 * The astro bin's shebang would use whatever `node` is first on PATH; this runs it on the current
 * Node (24), which Astro 7 needs. `env` reaches the build (TUBELENS_DATA_BASE and friends).
 */
export async function buildSite(
  outDir: string = DEFAULT_SITE_DIR,
  env: Record<string, string | undefined> = process.env,
): Promise<string> {
  try {
    await run(
      process.execPath,
      [path.join(repo, 'node_modules/astro/bin/astro.mjs'), 'build', '--root', 'site', '--outDir', outDir],
      {
        cwd: repo,
        env: { ...env, ASTRO_TELEMETRY_DISABLED: '1' },
        maxBuffer: 16 * 1024 * 1024,
      },
    );
  } catch (error) {
    const detail = (error as { stderr?: string }).stderr?.trim() || (error as Error).message;
    throw new SiteBuildError(`building the site failed: ${detail}`, { cause: error });
  }
  return outDir;
}
