import { generationPaths } from '../../../db/reports/contract/index.ts';
import {
  queryChannelSnapshotSpanDays,
  queryDataAsOf,
  querySnapshotSpanDays,
} from '../../../db/reports/index.ts';
import { abortLeasedRun, beginLeasedRun, handOverLease, type LeasedRun } from '../leasedRun.ts';
import { withLeaseHeartbeat } from '../leaseHeartbeat.ts';
import { planChannelBatches } from '../planChannelBatches.ts';
import { newGenerationId } from '../publish/generationId.ts';
import { openGenerationWriter } from '../publish/openGenerationWriter.ts';
import { publishChannelIndex } from '../publish/publishChannelIndex.ts';
import { chooseChannels } from '../publish/publishChannels.ts';
import { publishGlobalReports } from '../publish/publishGlobalReports.ts';
import { readChannelIndex } from '../publish/readChannelIndex.ts';
import { settleAll } from '../publish/settleAll.ts';
import { warnOversizedText } from '../publish/warnOversizedText.ts';
import { type RefreshOptions, refreshDefaults, silentLog } from '../refreshOptions.ts';
import type { FanOutPlan } from './fanOutRecords.ts';

export type PlannedRefresh = {
  readonly status: 'planned';
  readonly generation: string;
  readonly runId: number;
  /** One item per channel batch: what the Distributed Map iterates over. */
  readonly batches: number[];
};

/**
 * The first step of a fanned-out run: takes the lease (held until the finishing step or the abort),
 * writes the global reports and the channel index under the new generation, plans the channel
 * batches and stores the plan. Nothing is visible yet: the manifest is untouched.
 */
export async function planRefresh(
  options: RefreshOptions,
): Promise<PlannedRefresh | { readonly status: 'skipped'; readonly reason: string }> {
  const o = { ...refreshDefaults, ...options };
  const log = o.log ?? silentLog;
  const startedAt = (o.clock ?? (() => new Date()))();
  const generation = o.generation ?? newGenerationId(startedAt);
  const run = await beginLeasedRun(o.sql, { kind: o.kind, generation, leaseSeconds: o.leaseSeconds, log });
  if ('skipped' in run) return { status: 'skipped', reason: run.skipped };
  try {
    const plan = await withLeaseHeartbeat(o.sql, generation, o.leaseSeconds, () =>
      writePlan({ ...o, log }, run, startedAt),
    );
    await handOverLease(o.sql, generation);
    log.info('refresh planned', {
      generation,
      batches: plan.batches.length,
      channels: plan.channelIds.length,
    });
    return { status: 'planned', generation, runId: run.runId, batches: plan.batches.map((_, i) => i) };
  } catch (error) {
    // Nothing after the plan step can finish this run: give the lease back at once.
    await abortLeasedRun(o.sql, run, error);
    throw error;
  }
}

async function writePlan(
  o: typeof refreshDefaults & RefreshOptions,
  run: LeasedRun,
  startedAt: Date,
): Promise<FanOutPlan> {
  const { sql } = o;
  const { previous, writer } = await openGenerationWriter({
    ...o,
    generation: run.generation,
    log: o.log ?? silentLog,
  });
  const growthReports = o.growthReports !== false;
  const [dataAsOf] = await settleAll([queryDataAsOf(sql), warnOversizedText(sql, o.log ?? silentLog)]);
  const reports = await publishGlobalReports(sql, writer, { dataAsOf, growthReports, tick: () => {} });
  const { rows: index } = await readChannelIndex(sql, {
    kind: o.kind,
    generation: run.generation,
    previous,
    store: o.store,
  });
  reports.channelIndex = await publishChannelIndex(writer, index, dataAsOf);
  const { todo, fingerprints, seriesDays } = chooseChannels(o.kind, writer, index, () => {});
  const batches = planChannelBatches(todo, {
    snapshotDays: await querySnapshotSpanDays(sql),
    seriesDays,
    ...(o.maxChannelsPerBatch ? { maxChannels: o.maxChannelsPerBatch } : {}),
  });
  await writer.flush();
  const plan: FanOutPlan = {
    generation: run.generation,
    runId: run.runId,
    kind: o.kind,
    startedAt: startedAt.toISOString(),
    dataAsOf,
    growthDays: growthReports ? await queryChannelSnapshotSpanDays(sql) : null,
    reports: reports as Record<string, string>,
    entries: Object.fromEntries(writer.entries),
    channelIds: index.map((r) => r.entry.channelId),
    batches: batches.map((channels) => ({
      channels,
      fingerprints: channels.map((c) => fingerprints.get(c.channelId)!),
      previous: Object.fromEntries(
        channels.flatMap((c) => {
          const entry = previous.entries.get(`channel:${c.channelId}`);
          return entry ? [[`channel:${c.channelId}`, entry]] : [];
        }),
      ),
    })),
    stats: { ...writer.stats },
  };
  await writer.writeBookkeeping(generationPaths.fanOutPlan, plan);
  return plan;
}
