import type { ReportName } from '../../../db/reports/contract/index.ts';
import type { ObjectStore } from '../objectStore/ObjectStore.ts';
import type { RefreshLog } from '../refreshOptions.ts';
import type { ReportWriter } from './createReportWriter.ts';
import { publishManifest } from './publishManifest.ts';
import { publishShards } from './publishShards.ts';
import type { PublishedState } from './readPublishedState.ts';
import { retireGenerations } from './retireGenerations.ts';

export interface CompleteGenerationInput {
  readonly store: ObjectStore;
  readonly prefix: string;
  readonly generation: string;
  readonly startedAt: Date;
  readonly dataAsOf: string | null;
  readonly reports: Partial<Record<ReportName, string>>;
  /** Every channel, in the index's order; each has its `channel:<id>` entry in the writer. */
  readonly channelIds: readonly string[];
  readonly previous: PublishedState;
  /** Runs right before the manifest is replaced: the lease check. */
  readonly fence: () => Promise<void>;
  readonly now: () => Date;
  readonly retentionHours: number;
  readonly log: RefreshLog;
  /** Added to the "manifest published" log line. */
  readonly logExtra?: Record<string, unknown>;
}

/**
 * The end of every run, in one invocation or fanned out: the channel shards, the catalog, the
 * manifest (after the fence), then the cleanup of old generations.
 */
export async function completeGeneration(
  writer: ReportWriter,
  input: CompleteGenerationInput,
): Promise<{ manifestKey: string; deleted: number }> {
  const shardKeys = await publishShards(writer, input.channelIds);
  const { catalogKey, manifestKey } = await publishManifest(writer, {
    generation: input.generation,
    startedAt: input.startedAt,
    dataAsOf: input.dataAsOf,
    prefix: input.prefix,
    reports: input.reports,
    channelCount: input.channelIds.length,
    shardKeys,
    fence: input.fence,
  });
  input.log.info('manifest published', {
    generation: input.generation,
    ...writer.stats,
    ...input.logExtra,
  });
  const deleted = await retireGenerations({
    store: input.store,
    prefix: input.prefix,
    writer,
    catalogKey,
    previous: input.previous,
    now: input.now(),
    startedAt: input.startedAt,
    retentionHours: input.retentionHours,
    log: input.log,
  });
  return { manifestKey, deleted };
}
