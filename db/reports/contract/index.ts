/**
 * The reports contract: what the refresh publishes and the site (and any other reader) fetches.
 * One zod description per object, imported by both sides.
 *
 * Layout under the report prefix (default `data/`):
 *   manifest.json                          short cache; names everything below
 *   g/<generation>/<report>.json           one per report in `manifest.reports`
 *   g/<generation>/channels/<name>.json    one per channel (`channelReport`)
 *   g/<generation>/channel-shards/<n>.json channelId → key maps (`channelShard`)
 * Everything under g/ is immutable, gzip-encoded JSON; unchanged objects keep older keys.
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
export * from './publishHeatmap.ts';
export * from './reportSchemas.ts';
export * from './topVideos.ts';
export * from './videoPerformance.ts';
