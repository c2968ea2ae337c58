import { generationPaths } from '../../../db/reports/contract/index.ts';
import type { SqlClient } from '../../../db/sql/SqlClient.ts';
import { FanOutIncompleteError } from '../errors.ts';
import { handOverLease, keepLease } from '../leasedRun.ts';
import { withLeaseHeartbeat } from '../leaseHeartbeat.ts';
import type { ObjectStore } from '../objectStore/ObjectStore.ts';
import { createReportWriter } from '../publish/createReportWriter.ts';
import { publishChannelBatch } from '../publish/publishChannelBatch.ts';
import { refreshDefaults } from '../refreshOptions.ts';
import { type FanOutBatchResult, type FanOutPlan, readFanOutPlan } from './fanOutRecords.ts';

export interface RefreshBatchOptions {
  readonly sql: SqlClient;
  readonly store: ObjectStore;
  readonly prefix?: string;
  readonly concurrency?: number;
  readonly leaseSeconds?: number;
  readonly generation: string;
  /** Plan batch numbers this invocation computes (the Distributed Map hands several at once). */
  readonly batches: readonly number[];
}

/**
 * One iteration of a fanned-out run: computes and writes the channel reports of the given batches
 * under the run's generation, each followed by its result record. Only the lease holder's run
 * proceeds (checked before and after every batch). The output depends only on the data and the
 * plan, so a retried iteration rewrites the same keys with the same bytes.
 */
export async function runRefreshBatch(options: RefreshBatchOptions): Promise<{ channels: number }> {
  const o = { ...refreshDefaults, ...options };
  const renew = () => keepLease(o.sql, o.generation, o.leaseSeconds);
  await renew();
  const channels = await withLeaseHeartbeat(o.sql, o.generation, o.leaseSeconds, async () => {
    const plan = await readFanOutPlan(o.store, o.prefix, o.generation);
    let done = 0;
    for (const batch of o.batches) {
      done += await runOneBatch(o, plan, batch);
      await renew();
    }
    return done;
  });
  await handOverLease(o.sql, o.generation);
  return { channels };
}

async function runOneBatch(
  o: typeof refreshDefaults & RefreshBatchOptions,
  plan: FanOutPlan,
  batch: number,
): Promise<number> {
  const planned = plan.batches[batch];
  if (!planned) throw new FanOutIncompleteError(`refresh ${plan.generation} has no batch ${batch}`);
  const writer = createReportWriter({
    store: o.store,
    prefix: o.prefix,
    generation: plan.generation,
    previous: new Map(Object.entries(planned.previous)),
    concurrency: o.concurrency,
  });
  await publishChannelBatch(o.sql, writer, {
    channels: planned.channels,
    fingerprints: new Map(planned.channels.map((c, i) => [c.channelId, planned.fingerprints[i]!])),
    growthDays: plan.growthDays,
  });
  await writer.flush();
  const result: FanOutBatchResult = {
    generation: plan.generation,
    batch,
    entries: Object.fromEntries([...writer.entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
    channels: planned.channels.length,
    stats: { ...writer.stats },
  };
  await writer.writeBookkeeping(generationPaths.fanOutBatch(batch), result);
  return planned.channels.length;
}
