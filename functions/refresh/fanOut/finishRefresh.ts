import type { ReportName } from '../../../db/reports/contract/index.ts';
import { endLeasedRun, keepLease } from '../leasedRun.ts';
import { withLeaseHeartbeat } from '../leaseHeartbeat.ts';
import { completeGeneration } from '../publish/completeGeneration.ts';
import { openGenerationWriter } from '../publish/openGenerationWriter.ts';
import { type PublishedRefresh, type RefreshOptions, refreshDefaults, silentLog } from '../refreshOptions.ts';
import { readFanOutBatchResult, readFanOutPlan } from './fanOutRecords.ts';

const STATS = ['written', 'unchanged', 'bytesWritten'] as const;

/**
 * The last step of a fanned-out run: collects every batch's result (one missing: nothing is
 * published), then writes the shards, the catalog and, after the lease check, the manifest, cleans
 * up old generations and records the run. It does not abort the run on failure: the state machine
 * retries it, and its catch (or the local driver) sends the abort step.
 */
export async function finishRefresh(
  options: RefreshOptions & { readonly generation: string },
): Promise<PublishedRefresh> {
  const o = { ...refreshDefaults, ...options };
  return withLeaseHeartbeat(o.sql, o.generation, o.leaseSeconds, () => finishLeased(o));
}

async function finishLeased(
  o: typeof refreshDefaults & RefreshOptions & { readonly generation: string },
): Promise<PublishedRefresh> {
  const { sql, store, prefix, generation } = o;
  const log = o.log ?? silentLog;
  const clock = o.clock ?? (() => new Date());
  const renew = () => keepLease(sql, generation, o.leaseSeconds);
  await renew();
  const plan = await readFanOutPlan(store, prefix, generation);
  const { previous, writer } = await openGenerationWriter({ ...o, log });
  for (const [id, entry] of Object.entries(plan.entries)) writer.adopt(id, entry);
  const totals = { ...plan.stats };
  let channelsComputed = 0;
  for (let batch = 0; batch < plan.batches.length; batch += 1) {
    const result = await readFanOutBatchResult(store, prefix, generation, batch);
    for (const [id, entry] of Object.entries(result.entries)) writer.adopt(id, entry);
    channelsComputed += result.channels;
    for (const k of STATS) totals[k] += result.stats[k];
  }
  const startedAt = new Date(plan.startedAt);
  const { manifestKey, deleted } = await completeGeneration(writer, {
    store,
    prefix,
    generation,
    startedAt,
    dataAsOf: plan.dataAsOf,
    reports: plan.reports as Partial<Record<ReportName, string>>,
    channelIds: plan.channelIds,
    previous,
    fence: async () => {
      await o.beforeManifest?.();
      await renew();
    },
    now: clock,
    retentionHours: o.retentionHours,
    log,
    logExtra: { channelsComputed, batches: plan.batches.length },
  });
  for (const k of STATS) totals[k] += writer.stats[k];
  const result: PublishedRefresh = {
    status: 'published',
    generation,
    kind: plan.kind,
    dataAsOf: plan.dataAsOf,
    manifestKey,
    ...totals,
    channelsComputed,
    deleted,
    durationMs: clock().getTime() - startedAt.getTime(),
  };
  await endLeasedRun(sql, { generation, runId: plan.runId }, result);
  return result;
}
