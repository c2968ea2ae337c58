import * as z from 'zod/mini';
import { channelIndexEntry, generationPaths, generationPrefix } from '../../../db/reports/contract/index.ts';
import { FanOutIncompleteError } from '../errors.ts';
import type { ObjectStore } from '../objectStore/ObjectStore.ts';
import { readJsonObject } from '../publish/readPublishedState.ts';
import { refreshCatalog } from '../publish/refreshCatalog.ts';

const catalogEntries = refreshCatalog.shape.entries;
const stats = z.object({ written: z.int(), unchanged: z.int(), bytesWritten: z.int() });

/**
 * What the plan step of a fanned-out run hands the other steps, stored as
 * `g/<generation>/fan-out/plan.json`: the state machine passes only the generation and batch
 * numbers (a Step Functions payload holds 256 KB; 10,000 channels' entries are ~3 MB).
 */
export const fanOutPlan = z.object({
  generation: z.string(),
  runId: z.int(),
  kind: z.enum(['full', 'incremental']),
  startedAt: z.iso.datetime(),
  dataAsOf: z.nullable(z.string()),
  /** Span of the channel snapshots for the growth sections; null leaves them out. */
  growthDays: z.nullable(z.number()),
  /** Report name → key of what the plan step wrote (the global reports and the channel index). */
  reports: z.record(z.string(), z.string()),
  /** Catalog entries the plan step wrote or carried over (unchanged channels of an incremental run). */
  entries: catalogEntries,
  /** Every channel id, in the index's order (the shards and the manifest's count). */
  channelIds: z.array(z.string()),
  batches: z.array(
    z.object({
      channels: z.array(channelIndexEntry),
      /** The data fingerprint of each channel, in the same order. */
      fingerprints: z.array(z.string()),
      /** The previous catalog's entries of these channels: unchanged reports keep their keys. */
      previous: catalogEntries,
    }),
  ),
  stats,
});
export type FanOutPlan = z.infer<typeof fanOutPlan>;

/** What one batch step wrote, stored as `g/<generation>/fan-out/batch-<n>.json`. */
export const fanOutBatchResult = z.object({
  generation: z.string(),
  batch: z.int(),
  /** Catalog entries of the batch's channels, sorted by id so a rerun writes the same bytes. */
  entries: catalogEntries,
  channels: z.int(),
  stats,
});
export type FanOutBatchResult = z.infer<typeof fanOutBatchResult>;

/** Reads the run's plan; a missing or foreign one is a FanOutIncompleteError. */
export async function readFanOutPlan(
  store: ObjectStore,
  prefix: string,
  generation: string,
): Promise<FanOutPlan> {
  const key = `${generationPrefix(prefix, generation)}${generationPaths.fanOutPlan}`;
  const plan = fanOutPlan.safeParse(await readJsonObject(store, key));
  if (!plan.success || plan.data.generation !== generation) {
    throw new FanOutIncompleteError(`refresh ${generation} has no readable plan at ${key}`);
  }
  return plan.data;
}

/** Reads one batch's result; a missing one means the batch never finished. */
export async function readFanOutBatchResult(
  store: ObjectStore,
  prefix: string,
  generation: string,
  batch: number,
): Promise<FanOutBatchResult> {
  const key = `${generationPrefix(prefix, generation)}${generationPaths.fanOutBatch(batch)}`;
  const result = fanOutBatchResult.safeParse(await readJsonObject(store, key));
  if (!result.success || result.data.generation !== generation || result.data.batch !== batch) {
    throw new FanOutIncompleteError(
      `refresh ${generation}: batch ${batch} has no result at ${key}; not publishing`,
    );
  }
  return result.data;
}
