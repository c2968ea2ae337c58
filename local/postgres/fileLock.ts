import { mkdir, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { EmbeddedPostgresError } from './errors.ts';
import { isRunning, ownIdentity } from './processIdentity.ts';

const Holder = z.object({ pid: z.number().int(), started: z.string(), purpose: z.string() });

export interface FileLockOptions {
  /** What the holder is doing, shown to a process that waits for it. */
  readonly purpose: string;
  /** Called once when the lock is not free after `waitNoticeMs`, with what its holder is doing. */
  readonly onWait?: (holder: string) => void;
  readonly waitNoticeMs?: number;
  /** Gives up after this long (converting a large PGlite database holds the lock for minutes). */
  readonly timeoutMs?: number;
}

const defaults = { waitNoticeMs: 1000, timeoutMs: 30 * 60_000 };

/** A lock file whose holder has died, or that was never finished (its holder died between open and write). */
async function isStale(path: string): Promise<boolean> {
  try {
    const holder = Holder.safeParse(JSON.parse(await readFile(path, 'utf8')));
    if (holder.success) return !(await isRunning(holder.data));
    return Date.now() - (await stat(path)).mtimeMs > 10_000;
  } catch {
    return (
      Date.now() -
        (await stat(path).then(
          (s) => s.mtimeMs,
          () => 0,
        )) >
      10_000
    );
  }
}

async function tryTake(path: string, content: string): Promise<boolean> {
  try {
    const handle = await open(path, 'wx', 0o600);
    try {
      await handle.writeFile(content);
    } finally {
      await handle.close();
    }
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/**
 * Runs `fn` while holding an exclusive lock file (created with O_EXCL, so two processes cannot
 * both take it). A lock left by a process that died is broken: renamed away first, so that of two
 * processes breaking it at once only one succeeds. Held only for short critical sections: starting
 * or stopping the server and registering a process as its user.
 */
export async function withFileLock<T>(
  path: string,
  fn: () => Promise<T>,
  options: FileLockOptions,
): Promise<T> {
  const { onWait, waitNoticeMs, timeoutMs, purpose } = { ...defaults, ...options };
  const content = JSON.stringify({ ...(await ownIdentity()), purpose });
  await mkdir(dirname(path), { recursive: true });
  const begun = Date.now();
  let noticed = false;
  let pause = 20;
  while (!(await tryTake(path, content))) {
    if (await isStale(path)) {
      const aside = `${path}.stale-${process.pid}-${Date.now()}`;
      if (
        await rename(path, aside).then(
          () => true,
          () => false,
        )
      )
        await unlink(aside).catch(() => {});
      continue;
    }
    const waited = Date.now() - begun;
    if (!noticed && waited >= waitNoticeMs) {
      noticed = true;
      const holder = await readFile(path, 'utf8').then(
        (t) => Holder.safeParse(JSON.parse(t)).data,
        () => undefined,
      );
      onWait?.(holder ? `process ${holder.pid} is ${holder.purpose}` : 'another process holds it');
    }
    if (waited >= timeoutMs) {
      throw new EmbeddedPostgresError(
        `waited ${Math.round(waited / 1000)} s for ${path}; if no tubelens process is running, delete that file`,
      );
    }
    await sleep(pause);
    pause = Math.min(pause * 2, 250);
  }
  try {
    return await fn();
  } finally {
    await unlink(path).catch(() => {});
  }
}
