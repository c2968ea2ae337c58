/** Report queries: one file per report, each a function of a SQL executor and `dataAsOf`. */
export * from './queryCategories.ts';
export * from './queryChannelChanges.ts';
export * from './queryChannelDetails.ts';
export * from './queryChannelGrowth.ts';
export * from './queryChannelIndex.ts';
export * from './queryDataAsOf.ts';
export * from './queryDurations.ts';
export * from './queryEngagement.ts';
export * from './queryGrowth.ts';
export * from './queryGrowthSections.ts';
export * from './queryMonthly.ts';
export * from './queryOversizedText.ts';
export * from './queryOverview.ts';
export * from './queryPublishHeatmap.ts';
export * from './queryTopVideos.ts';
export * from './queryVideoPerformance.ts';
