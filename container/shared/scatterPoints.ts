import type { ScatterColumns, ScatterPoint } from './protocol.ts';

/** Rows out of the scatter's columns. */
export function scatterPoints(columns: ScatterColumns): ScatterPoint[] {
  return columns.videoIds.map((videoId, i) => ({
    videoId,
    channelId: columns.channelIds[i]!,
    publishedAt: columns.publishedAt[i]!,
    views: columns.views[i]!,
  }));
}
