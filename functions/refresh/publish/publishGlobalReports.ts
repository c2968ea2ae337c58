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
import { settleAll } from './settleAll.ts';
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

// The two groups of global reports computed at once, each in its own transaction: Aurora runs
// them on its own vCPUs, PostgreSQL here on two backends. Balanced by the statements' times when
// the two run side by side at 1 M videos (docs/refresh.md, "Incremental runs"): engagement,
// publishHeatmap and topVideos against growth, categories, durations, monthly and overview, about
// 1.85 s each when run alone.
const FIRST_GROUP: ReadonlySet<ReportName> = new Set(['engagement', 'publishHeatmap', 'topVideos']);

/** The global reports split into the two groups computed at once. */
export function globalReportGroups(growthReports: boolean): [ReportName, GlobalQuery][][] {
  const reports = globalReports(growthReports);
  return [reports.filter(([n]) => FIRST_GROUP.has(n)), reports.filter(([n]) => !FIRST_GROUP.has(n))];
}

/**
 * Computes every global report, in two read-only transactions at once, then writes them in
 * publishing order; resolves to report name → object key. Nothing is written inside a
 * transaction: the Data API adapter may run it again from the start.
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
  const groups = await settleAll(
    globalReportGroups(growthReports).map((group) =>
      sql.transaction(async (tx) => {
        // The medians and quantiles sort up to every video (1 M rows, ~30 MB): in memory rather
        // than spilled to disk with the default 4 MB. SET LOCAL ends with the transaction.
        await tx.query(`SET LOCAL work_mem = '64MB'`);
        const reports: [ReportName, unknown][] = [];
        for (const [name, query] of group)
          reports.push([name, validateReport(name, await query(tx, dataAsOf))]);
        return reports;
      }),
    ),
  );
  const computed = new Map(groups.flat());
  const keys: Partial<Record<ReportName, string>> = {};
  for (const [name] of globalReports(growthReports)) {
    tick(name);
    keys[name] = await writer.write(`report:${name}`, generationPaths.report(name), computed.get(name));
  }
  return keys;
}
