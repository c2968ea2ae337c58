import { categoriesReport } from './categories.ts';
import { channelIndexReport } from './channelIndex.ts';
import { durationsReport } from './durations.ts';
import { engagementReport } from './engagement.ts';
import { growthReport } from './growth.ts';
import type { ReportName } from './manifest.ts';
import { monthlyReport } from './monthly.ts';
import { overviewReport } from './overview.ts';
import { publishHeatmapReport } from './publishHeatmap.ts';
import { topVideosReport } from './topVideos.ts';

/** The schema of each report named in `manifest.reports`. */
export const reportSchemas = {
  overview: overviewReport,
  topVideos: topVideosReport,
  monthly: monthlyReport,
  categories: categoriesReport,
  publishHeatmap: publishHeatmapReport,
  durations: durationsReport,
  engagement: engagementReport,
  channelIndex: channelIndexReport,
  growth: growthReport,
} as const satisfies Record<ReportName, unknown>;

export type ReportOf<N extends ReportName> = import('zod/mini').infer<(typeof reportSchemas)[N]>;
