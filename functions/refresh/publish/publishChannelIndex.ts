import { generationPaths } from '../../../db/reports/contract/index.ts';
import type { ChannelIndexRow } from '../../../db/reports/index.ts';
import type { ReportWriter } from './createReportWriter.ts';
import { validateReport } from './validateReport.ts';

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
