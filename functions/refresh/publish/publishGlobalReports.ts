import type { ReportName } from '../../../db/reports/contract/index.ts';
import { generationPaths } from '../../../db/reports/contract/index.ts';
import {
  queryCategories,
  queryDurations,
  queryEngagement,
  queryGrowth,
  queryMonthly,
  queryOverview,
  queryPublishHeatmap,
  queryTopVideos,
} from '../../../db/reports/index.ts';
import type { SqlClient, SqlExecutor } from '../../../db/sql/SqlClient.ts';
import type { ReportWriter } from './createReportWriter.ts';
import { validateReport } from './validateReport.ts';

type GlobalQuery = (db: SqlExecutor, dataAsOf: string | null) => Promise<unknown>;

/** The reports over all channels, in publishing order (growth only when asked for). */
export function globalReports(growthReports: boolean): [ReportName, GlobalQuery][] {
  const reports: [ReportName, GlobalQuery][] = [
    ['overview', queryOverview],
    ['topVideos', queryTopVideos],
    ['monthly', queryMonthly],
    ['categories', queryCategories],
    ['publishHeatmap', queryPublishHeatmap],
    ['durations', queryDurations],
    ['engagement', queryEngagement],
  ];
  if (growthReports) reports.push(['growth', queryGrowth]);
  return reports;
}

/**
 * Computes every global report in one read-only transaction, then writes them; resolves to
 * report name → object key. Nothing is written inside the transaction: the Data API adapter may
 * run it again from the start.
 */
export async function publishGlobalReports(
  sql: SqlClient,
  writer: ReportWriter,
  {
    dataAsOf,
    growthReports,
    tick,
  }: { dataAsOf: string | null; growthReports: boolean; tick: (name: string) => void },
): Promise<Partial<Record<ReportName, string>>> {
  const computed = await sql.transaction(async (tx) => {
    // The medians and quantiles sort up to every video (1 M rows, ~30 MB): in memory rather than
    // spilled to disk with the default 4 MB. SET LOCAL ends with the transaction.
    await tx.query(`SET LOCAL work_mem = '64MB'`);
    const reports: [ReportName, unknown][] = [];
    for (const [name, query] of globalReports(growthReports))
      reports.push([name, validateReport(name, await query(tx, dataAsOf))]);
    return reports;
  });
  const keys: Partial<Record<ReportName, string>> = {};
  for (const [name, report] of computed) {
    tick(name);
    keys[name] = await writer.write(`report:${name}`, generationPaths.report(name), report);
  }
  return keys;
}
