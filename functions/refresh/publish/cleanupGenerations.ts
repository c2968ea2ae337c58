import { generationOfKey, generationsRoot } from '../../../db/reports/contract/index.ts';
import type { ObjectStore } from '../objectStore/ObjectStore.ts';
import { generationTime } from './generationId.ts';

export interface CleanupOptions {
  readonly store: ObjectStore;
  readonly prefix: string;
  /** Keys the current and the previous manifest reach: never deleted. */
  readonly referenced: ReadonlySet<string>;
  readonly now: Date;
  /** Objects written less than this long ago are kept even when nothing references them. */
  readonly retentionMs: number;
}

/**
 * Deletes generation objects that neither the current nor the previous manifest reaches and that
 * were written more than `retentionMs` ago (their generation's start time). What survives:
 * everything a reader holding either manifest can fetch, and every recent run's output, including a
 * failed run's orphans until they age out. Returns the number of objects deleted.
 */
export async function cleanupGenerations(options: CleanupOptions): Promise<number> {
  const cutoff = options.now.getTime() - options.retentionMs;
  const doomed: string[] = [];
  for await (const object of options.store.list(generationsRoot(options.prefix))) {
    const started = generationTime(generationOfKey(options.prefix, object.key));
    // Keys come in key order and generation ids sort by start time: from the first generation
    // inside the retention window on, nothing is old enough. Stopping there skips listing the
    // recent generations, which hold most objects (every channel of the last full run).
    if (started && started.getTime() >= cutoff) break;
    // Objects that are not ours (no generation-shaped folder) are left alone.
    if (started && !options.referenced.has(object.key)) doomed.push(object.key);
  }
  if (doomed.length) await options.store.deleteMany(doomed);
  return doomed.length;
}
