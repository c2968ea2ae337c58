import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The last tubelens on PGlite (issue 14's baseline): the commit before the embedded PostgreSQL
 * replaced it. Override with TUBELENS_BENCH_PREVIOUS_REV.
 */
export const PREVIOUS_REV = process.env.TUBELENS_BENCH_PREVIOUS_REV ?? 'e7f6c23';

const repo = fileURLToPath(new URL('../../', import.meta.url));

/**
 * A checkout of an earlier tubelens beside this one (bench/.previous/<rev>, ignored by git), with
 * its own `npm ci` (its dependencies differ: PGlite, d3 modules since dropped), so that a bench
 * can run the old code and the new in the same run on the same machine. Returns its root, or
 * undefined when git cannot provide it (a shallow clone) or its install fails — the bench then
 * falls back to the figures in bench/results.
 */
export function previousVersion(rev: string = PREVIOUS_REV): string | undefined {
  const root = path.join(repo, 'bench', '.previous', rev);
  if (!existsSync(path.join(root, 'package.json'))) {
    try {
      execFileSync('git', ['-C', repo, 'worktree', 'add', '--detach', '--force', root, rev], {
        stdio: 'pipe',
      });
    } catch {
      return undefined;
    }
  }
  if (!existsSync(path.join(root, 'node_modules', '.bin', 'node'))) {
    console.log(`installing the previous version's dependencies in ${root} (once)`);
    try {
      execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'pipe' });
    } catch {
      return undefined;
    }
  }
  return root;
}
