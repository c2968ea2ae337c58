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
import type { SqlExecutor } from '../../../db/sql/SqlClient.ts';
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

/** Computes and writes every global report; resolves to report name → object key. */
export async function publishGlobalReports(
  sql: SqlExecutor,
  writer: ReportWriter,
  {
    dataAsOf,
    growthReports,
    tick,
  }: { dataAsOf: string | null; growthReports: boolean; tick: (name: string) => void },
): Promise<Partial<Record<ReportName, string>>> {
  const keys: Partial<Record<ReportName, string>> = {};
  for (const [name, query] of globalReports(growthReports)) {
    tick(name);
    keys[name] = await writer.write(
      `report:${name}`,
      generationPaths.report(name),
      validateReport(name, await query(sql, dataAsOf)),
    );
  }
  return keys;
}
