import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/**
 * A fresh temporary folder that the embedded PostgreSQL can use as (or under) a data dir: mode
 * 0755, since as root the server runs as `postgres`, which cannot enter mkdtemp's 0700 folders.
 */
export async function tempDataDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  await chmod(dir, 0o755);
  return dir;
}

/**
 * Removes a temporary data dir, first stopping an embedded server still running in it (a test
 * that killed a tubelens process with SIGKILL leaves its detached server behind).
 */
export async function removeDataDir(dir: string): Promise<void> {
  for (const cluster of [path.join(dir, 'postgres'), path.join(dir, 'db', 'postgres')]) {
    const pid = Number(
      (await readFile(path.join(cluster, 'postmaster.pid'), 'utf8').catch(() => '')).split('\n')[0],
    );
    if (pid > 0) {
      try {
        // SIGQUIT: immediate shutdown; the folder is about to go.
        process.kill(pid, 'SIGQUIT');
      } catch {}
    }
  }
  await rm(dir, { recursive: true, force: true });
}
