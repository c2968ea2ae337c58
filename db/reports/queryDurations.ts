import { param } from '../sql/param.ts';
import type { SqlExecutor } from '../sql/SqlClient.ts';
import { DURATION_BUCKET_EDGES, type DurationsReport } from './contract/index.ts';
import { medianOf } from './sqlFragments.ts';

// $1: the bucket edges (json array of seconds). width_bucket gives bucket i for
// edges[i] <= duration < edges[i+1], so the buckets and the edges come from the same list. One
// scan of videos: the NULL-duration group (no bucket) is counted but not sorted for a median; each
// row repeats the counts, and one row with a NULL bucket comes back when there are no edges.
const SQL = /* sql */ `
WITH edges AS (
  SELECT n::int AS i, e::int AS lo, lead(e::int) OVER (ORDER BY n) AS hi
  FROM jsonb_array_elements_text($1) WITH ORDINALITY AS t(e, n)
), by_bucket AS (
  SELECT width_bucket(duration_seconds, (SELECT array_agg(lo ORDER BY i) FROM edges)) AS i,
         count(*) AS videos,
         ${medianOf('COALESCE(views, 0)', 'duration_seconds IS NOT NULL')} AS median_views
  FROM videos
  GROUP BY 1
), counts AS (
  SELECT COALESCE(sum(videos), 0)::int AS videos,
         COALESCE(sum(videos) FILTER (WHERE i IS NOT NULL), 0)::int AS with_duration
  FROM by_bucket
)
SELECT n.videos AS all_videos, n.with_duration, e.lo AS min_seconds, e.hi AS max_seconds,
       COALESCE(b.videos, 0)::int AS videos, COALESCE(b.median_views, 0)::float8 AS median_views
FROM counts n
LEFT JOIN (edges e LEFT JOIN by_bucket b USING (i)) ON true
ORDER BY e.i`;

/** Said on the page when no video has a duration. */
export const DURATIONS_UNKNOWN_MESSAGE =
  'Durations are not known for this data, so views cannot be compared by video length.';

/** The `durations` report: median views per duration bucket, or the plain "not known" state. */
export async function queryDurations(db: SqlExecutor, dataAsOf: string | null): Promise<DurationsReport> {
  const { rows } = await db.query<{
    all_videos: number;
    with_duration: number;
    min_seconds: number;
    max_seconds: number | null;
    videos: number;
    median_views: number;
  }>(SQL, [param.json(DURATION_BUCKET_EDGES)]);
  const counts = rows[0]!;
  if (counts.with_duration === 0) {
    return {
      dataAsOf,
      state: 'unknown',
      videos: counts.all_videos,
      videosWithDuration: 0,
      message: DURATIONS_UNKNOWN_MESSAGE,
    };
  }
  return {
    dataAsOf,
    state: 'known',
    videos: counts.all_videos,
    videosWithDuration: counts.with_duration,
    buckets: rows.map((r) => ({
      minSeconds: r.min_seconds,
      maxSeconds: r.max_seconds,
      videos: r.videos,
      medianViews: r.median_views,
    })),
  };
}
