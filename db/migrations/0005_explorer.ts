import type { Migration } from './Migration.ts';

/**
 * Indexes for the explorer's live queries.
 * - videos (views DESC NULLS LAST, video_id DESC): the most viewed videos first, the explorer's
 *   default table order and its scatter's "top 1,000 points", read from the index instead of
 *   sorting every matching video (the first view of a session has no channel filter: 100,000 rows).
 */
export const migration: Migration = {
  version: 5,
  name: 'explorer',
  sql: /* sql */ `
CREATE INDEX videos_views_idx ON videos (views DESC NULLS LAST, video_id DESC);
`,
};
