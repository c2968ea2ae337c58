import type { ChannelIndexEntry } from '../../../db/reports/contract/index.ts';
import type { ChannelIndexRow } from '../../../db/reports/index.ts';
import type { SqlExecutor } from '../../../db/sql/SqlClient.ts';
import { planChannelBatches } from '../planChannelBatches.ts';
import type { RefreshKind } from '../refreshRuns.ts';
import type { ReportWriter } from './createReportWriter.ts';
import { publishChannelBatch } from './publishChannelBatch.ts';

/** The channels a run computes, and the data fingerprint each report is stamped with. */
export interface ChannelWork {
  readonly todo: ChannelIndexEntry[];
  readonly fingerprints: Map<string, string>;
  /** Points in each todo channel's series, where the index read it (planChannelBatches). */
  readonly seriesDays: Map<string, number>;
}

/**
 * Which channels to compute: all of them in a full run; in an incremental run only those whose
 * fingerprint changed, the others kept as the previous run published them (`tick` counts them).
 */
export function chooseChannels(
  kind: RefreshKind,
  writer: ReportWriter,
  index: readonly ChannelIndexRow[],
  tick: (channelId: string) => void,
): ChannelWork {
  const fingerprints = new Map<string, string>();
  for (const row of index) {
    const id = `channel:${row.entry.channelId}`;
    if (kind === 'incremental' && writer.carryIfUnchanged(id, row.fingerprint)) tick(row.entry.channelId);
    else fingerprints.set(row.entry.channelId, row.fingerprint);
  }
  const rows = index.filter((r) => fingerprints.has(r.entry.channelId));
  const seriesDays = new Map(
    rows.flatMap((r) => (r.seriesDays === undefined ? [] : [[r.entry.channelId, r.seriesDays] as const])),
  );
  return { todo: rows.map((r) => r.entry), fingerprints, seriesDays };
}

/** Computes and writes every channel report the run needs, batch by batch; resolves to how many. */
export async function publishChannels(
  sql: SqlExecutor,
  writer: ReportWriter,
  index: readonly ChannelIndexRow[],
  hooks: {
    kind: RefreshKind;
    snapshotDays: number;
    maxChannels?: number | undefined;
    /** Span of the channel snapshots; null leaves the growth sections out. */
    growthDays: number | null;
    keepLease: () => Promise<void>;
    tick: (detail: string) => void;
  },
): Promise<number> {
  const { todo, fingerprints, seriesDays } = chooseChannels(hooks.kind, writer, index, hooks.tick);
  for (const channels of planChannelBatches(todo, {
    snapshotDays: hooks.snapshotDays,
    seriesDays,
    ...(hooks.maxChannels ? { maxChannels: hooks.maxChannels } : {}),
  })) {
    await publishChannelBatch(sql, writer, {
      channels,
      fingerprints,
      growthDays: hooks.growthDays,
      tick: hooks.tick,
    });
    await hooks.keepLease();
  }
  return todo.length;
}
