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
import { warnOversizedText } from './publish/warnOversizedText.ts';
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
  const progress = reportProgress(o.onProgress);

  const dataAsOf = await queryDataAsOf(sql);
  const globals = globalReports(growthReports).length;
  // The global reports and the channels at once: the channel part's statements (the index of the
  // changed channels, their batches) run beside the global reports' two transactions instead of
  // after them; the pass that names clipped titles beside both, off the critical path.
  const [globalKeys, { index, indexKey, channelsComputed }] = await settleAll([
    publishGlobalReports(sql, writer, {
      dataAsOf,
      growthReports,
      tick: (name) => {
        progress.show(name);
        progress.advance();
      },
    }),
    publishChannelPart(o, writer, {
      generation,
      previous,
      log,
      globals,
      dataAsOf,
      growthReports,
      renew,
      progress,
    }),
    warnOversizedText(sql, log),
  ]);
  progress.show('catalog and manifest');
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

interface ChannelPart {
  readonly generation: string;
  readonly previous: Awaited<ReturnType<typeof openGenerationWriter>>['previous'];
  readonly log: RefreshLog;
  /** How many global reports the run publishes (for the total). */
  readonly globals: number;
  readonly dataAsOf: string | null;
  readonly growthReports: boolean;
  readonly renew: () => Promise<void>;
  readonly progress: ReportProgress;
}

type ReportProgress = ReturnType<typeof reportProgress>;

/**
 * The run's progress in reports. The total is known once the channel index is read; the global
 * reports' ticks, which may come after that since both parts run at once, carry it too, so the
 * last line says "of N".
 */
function reportProgress(onProgress: ResolvedRefreshOptions['onProgress']) {
  let done = 0;
  let total: number | undefined;
  return {
    show(detail: string) {
      onProgress?.({ done, unit: 'reports', detail, ...(total === undefined ? {} : { total }) });
    },
    advance() {
      done += 1;
    },
    setTotal(n: number) {
      total = n;
    },
  };
}

/** The channel index (read, then published) and every channel's report, in batches. */
async function publishChannelPart(
  o: ResolvedRefreshOptions,
  writer: Awaited<ReturnType<typeof openGenerationWriter>>['writer'],
  p: ChannelPart,
) {
  const { sql, store } = o;
  p.progress.show('channel index');
  const read = await readChannelIndex(sql, {
    kind: o.kind,
    generation: p.generation,
    previous: p.previous,
    store,
  });
  p.log.info('channel index read', { read: read.read, carried: read.carried });
  const index = read.rows;
  p.progress.setTotal(index.length + p.globals + 1);
  const indexKey = await publishChannelIndex(writer, index, p.dataAsOf);
  p.progress.advance();
  // The two spans at once: independent reads, so the growth reports' one adds no round trip
  // before the first batch.
  const [snapshotDays, growthDays] = await settleAll([
    querySnapshotSpanDays(sql),
    p.growthReports ? queryChannelSnapshotSpanDays(sql) : Promise.resolve(null),
  ]);
  const channelsComputed = await publishChannels(sql, writer, index, {
    kind: o.kind,
    snapshotDays,
    maxChannels: o.maxChannelsPerBatch,
    growthDays,
    keepLease: p.renew,
    tick: (detail) => {
      p.progress.advance();
      p.progress.show(detail);
    },
  });
  return { index, indexKey, channelsComputed };
}
