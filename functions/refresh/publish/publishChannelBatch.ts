import { isResponseTooLarge } from '../../../db/dataApi/pageByKey.ts';
import {
  BREAKOUT_MULTIPLIER,
  type ChannelIndexEntry,
  type ChannelReport,
  generationPaths,
} from '../../../db/reports/contract/index.ts';
import { type ChannelDetails, queryChannelDetails, queryGrowthSections } from '../../../db/reports/index.ts';
import type { SqlExecutor } from '../../../db/sql/SqlClient.ts';
import { channelObjectName } from './channelObjectName.ts';
import type { ReportWriter } from './createReportWriter.ts';
import { settleAll } from './settleAll.ts';
import { validateChannelReport } from './validateReport.ts';

export interface ChannelBatchInput {
  /** The channels of one batch (planChannelBatches), with the data fingerprint of each. */
  readonly channels: readonly ChannelIndexEntry[];
  readonly fingerprints: ReadonlyMap<string, string>;
  /** Span of the channel snapshots; null leaves the growth sections out. */
  readonly growthDays: number | null;
  readonly tick?: (channelId: string) => void;
}

/**
 * Computes the reports of one batch of channels (a few statements for the whole batch) and queues
 * a write of each under the writer's generation. The same code serves a single run and each
 * iteration of a fanned-out one; its output depends only on the data, so a retry rewrites the
 * same keys with the same bytes.
 */
export async function publishChannelBatch(
  sql: SqlExecutor,
  writer: ReportWriter,
  { channels, fingerprints, growthDays, tick }: ChannelBatchInput,
): Promise<void> {
  // The two reads at once, on two connections: each is one backend's work in PostgreSQL (and a
  // wait on the Data API here), so the growth sections mostly hide behind the details. settleAll:
  // a failed read does not leave the other running after the batch has failed.
  const [details, growth] = await settleAll([
    readDetails(
      sql,
      channels.map((c) => c.channelId),
    ),
    growthDays === null ? Promise.resolve(undefined) : queryGrowthSections(sql, channels, growthDays),
  ]);
  for (const entry of channels) {
    const report: ChannelReport = {
      dataAsOf: entry.dataAsOf,
      channel: entry,
      breakoutMultiplier: BREAKOUT_MULTIPLIER,
      ...details.get(entry.channelId)!,
      ...growth?.get(entry.channelId),
    };
    await writer.write(
      `channel:${entry.channelId}`,
      generationPaths.channelReport(channelObjectName(entry.channelId)),
      validateChannelReport(report),
      fingerprints.get(entry.channelId),
    );
    tick?.(entry.channelId);
  }
}

/**
 * One batch's details; when the Data API still refuses the response as too large (the plan is an
 * estimate), the batch is halved and each half asked for again, down to single channels.
 */
async function readDetails(sql: SqlExecutor, ids: readonly string[]): Promise<Map<string, ChannelDetails>> {
  try {
    return await queryChannelDetails(sql, ids);
  } catch (error) {
    if (ids.length < 2 || !isResponseTooLarge(error)) throw error;
    const half = Math.ceil(ids.length / 2);
    const [a, b] = [await readDetails(sql, ids.slice(0, half)), await readDetails(sql, ids.slice(half))];
    return new Map([...a, ...b]);
  }
}
