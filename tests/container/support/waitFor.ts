import { setTimeout as sleep } from 'node:timers/promises';

/** Polls `check` every 25 ms until it holds; returns the milliseconds it took, or throws past `timeoutMs`. */
export async function waitFor(
  check: () => Promise<boolean> | boolean,
  timeoutMs: number,
  what = 'the condition',
): Promise<number> {
  const started = performance.now();
  for (;;) {
    if (await check()) return performance.now() - started;
    if (performance.now() - started > timeoutMs)
      throw new Error(`${what} did not hold within ${timeoutMs} ms`);
    await sleep(25);
  }
}
