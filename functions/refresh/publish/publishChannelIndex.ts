import { generationPaths } from '../../../db/reports/contract/index.ts';
import { type ChannelIndexRow, queryChannelIndex } from '../../../db/reports/index.ts';
import type { SqlClient } from '../../../db/sql/SqlClient.ts';
import type { ReportWriter } from './createReportWriter.ts';
import { validateReport } from './validateReport.ts';

/** Every channel's index row (entry and data fingerprint), in the database's order. */
export function readWholeChannelIndex(sql: SqlClient): Promise<ChannelIndexRow[]> {
  return queryChannelIndex(sql);
}

/** Writes channelIndex.json (channels by views, then id) from the rows; resolves to its key. */
export async function publishChannelIndex(
  writer: ReportWriter,
  index: readonly ChannelIndexRow[],
  dataAsOf: string | null,
): Promise<string> {
  const channels = index
    .map((r) => r.entry)
    .sort((a, b) => b.views - a.views || cmp(a.channelId, b.channelId));
  return writer.write(
    'report:channelIndex',
    generationPaths.report('channelIndex'),
    validateReport('channelIndex', { dataAsOf, channels }),
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
