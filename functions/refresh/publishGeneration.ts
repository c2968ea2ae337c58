import {
  queryChannelSnapshotSpanDays,
  queryDataAsOf,
  querySnapshotSpanDays,
} from '../../db/reports/index.ts';
import { keepLease } from './leasedRun.ts';
import { completeGeneration } from './publish/completeGeneration.ts';
import { openGenerationWriter } from './publish/openGenerationWriter.ts';
import { publishChannelIndex } from './publish/publishChannelIndex.ts';
import { publishChannels } from './publish/publishChannels.ts';
import { globalReports, publishGlobalReports } from './publish/publishGlobalReports.ts';
import { readChannelIndex } from './publish/readChannelIndex.ts';
import { settleAll } from './publish/settleAll.ts';
import type { PublishedRefresh, RefreshLog, ResolvedRefreshOptions } from './refreshOptions.ts';

export interface GenerationRun {
  readonly clock: () => Date;
  readonly log: RefreshLog;
  readonly generation: string;
  readonly startedAt: Date;
}

/**
 * One run in one invocation: every report under the run's generation prefix, then the shards,
 * the catalog and, last, the manifest; then the cleanup of old generations. The caller holds the
 * lease (leasedRun.ts).
 */
export async function publishGeneration(
  o: ResolvedRefreshOptions,
  { clock, log, generation, startedAt }: GenerationRun,
): Promise<PublishedRefresh> {
  const { sql, store, prefix } = o;
  const { previous, writer } = await openGenerationWriter({ ...o, generation, log });
  const renew = () => keepLease(sql, generation, o.leaseSeconds);
  const growthReports = o.growthReports !== false;
  let done = 0;
  // Known once the channel index is read; the global reports' ticks, which may come after it
  // now that both parts run at once, carry it too, so the last line says "of N".
  let total: number | undefined;
  const progress = (detail: string) =>
    o.onProgress?.({ done, unit: 'reports', detail, ...(total === undefined ? {} : { total }) });

  const dataAsOf = await queryDataAsOf(sql);
  const globals = globalReports(growthReports).length;
  // The global reports and the channels at once: the channel part's statements (the index of the
  // changed channels, their batches) run beside the global reports' two transactions instead of
  // after them.
  const [globalKeys, { index, indexKey, channelsComputed }] = await settleAll([
    publishGlobalReports(sql, writer, {
      dataAsOf,
      growthReports,
      tick: (name) => {
        progress(name);
        done += 1;
      },
    }),
    (async () => {
      progress('channel index');
      const read = await readChannelIndex(sql, { kind: o.kind, generation, previous, store });
      log.info('channel index read', { read: read.read, carried: read.carried });
      const index = read.rows;
      total = index.length + globals + 1;
      const indexKey = await publishChannelIndex(writer, index, dataAsOf);
      done += 1;
      // The two spans at once: independent reads, so the growth reports' one adds no round trip
      // before the first batch.
      const [snapshotDays, growthDays] = await settleAll([
        querySnapshotSpanDays(sql),
        growthReports ? queryChannelSnapshotSpanDays(sql) : Promise.resolve(null),
      ]);
      const channelsComputed = await publishChannels(sql, writer, index, {
        kind: o.kind,
        snapshotDays,
        maxChannels: o.maxChannelsPerBatch,
        growthDays,
        keepLease: renew,
        tick: (detail) => {
          done += 1;
          progress(detail);
        },
      });
      return { index, indexKey, channelsComputed };
    })(),
  ]);
  progress('catalog and manifest');
  // Publishing order, as the manifest lists them: the global reports, then the channel index.
  const reports = { ...globalKeys, channelIndex: indexKey };

  const { manifestKey, deleted } = await completeGeneration(writer, {
    store,
    prefix,
    generation,
    startedAt,
    dataAsOf,
    reports,
    channelIds: index.map((r) => r.entry.channelId),
    previous,
    fence: async () => {
      await o.beforeManifest?.();
      await renew();
    },
    now: clock,
    retentionHours: o.retentionHours,
    log,
    logExtra: { channelsComputed },
  });
  return {
    status: 'published',
    generation,
    kind: o.kind,
    dataAsOf,
    manifestKey,
    written: writer.stats.written,
    unchanged: writer.stats.unchanged,
    bytesWritten: writer.stats.bytesWritten,
    channelsComputed,
    deleted,
    durationMs: clock().getTime() - startedAt.getTime(),
  };
}
