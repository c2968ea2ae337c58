/**
 * The reports contract: what the refresh publishes and the site (and any other reader) fetches.
 * One zod description per object, imported by both sides.
 *
 * Where each object lives: publicationLayout.ts.
 */
export * from './categories.ts';
export * from './channelGrowth.ts';
export * from './channelIndex.ts';
export * from './channelReport.ts';
export * from './channelShard.ts';
export * from './common.ts';
export * from './durations.ts';
export * from './engagement.ts';
export * from './growth.ts';
export * from './manifest.ts';
export * from './monthly.ts';
export * from './overview.ts';
export * from './publicationLayout.ts';
export * from './publishHeatmap.ts';
export * from './reportSchemas.ts';
export * from './topVideos.ts';
export * from './videoPerformance.ts';
