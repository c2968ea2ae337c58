import { param } from '../sql/param.ts';
import type { SqlExecutor } from '../sql/SqlClient.ts';
import { DURATION_BUCKET_EDGES, type DurationsReport } from './contract/index.ts';
import { medianOf } from './sqlFragments.ts';

const COUNTS_SQL = /* sql */ `
SELECT count(*)::int AS videos, count(duration_seconds)::int AS with_duration FROM videos`;

// $1: the bucket edges (json array of seconds). width_bucket gives bucket i for
// edges[i] <= duration < edges[i+1], so the buckets and the edges come from the same list.
const BUCKETS_SQL = /* sql */ `
WITH edges AS (
  SELECT n::int AS i, e::int AS lo, lead(e::int) OVER (ORDER BY n) AS hi
  FROM jsonb_array_elements_text($1) WITH ORDINALITY AS t(e, n)
), by_bucket AS (
  SELECT width_bucket(duration_seconds, (SELECT array_agg(lo ORDER BY i) FROM edges)) AS i,
         count(*) AS videos, ${medianOf('COALESCE(views, 0)')} AS median_views
  FROM videos WHERE duration_seconds IS NOT NULL
  GROUP BY 1
)
SELECT e.lo AS min_seconds, e.hi AS max_seconds, COALESCE(b.videos, 0)::int AS videos,
       COALESCE(b.median_views, 0)::float8 AS median_views
FROM edges e LEFT JOIN by_bucket b USING (i)
ORDER BY e.i`;

/** Said on the page when no video has a duration. */
export const DURATIONS_UNKNOWN_MESSAGE =
  'Durations are not known for this data, so views cannot be compared by video length.';

/** The `durations` report: median views per duration bucket, or the plain "not known" state. */
export async function queryDurations(db: SqlExecutor, dataAsOf: string | null): Promise<DurationsReport> {
  const counts = (await db.query<{ videos: number; with_duration: number }>(COUNTS_SQL)).rows[0]!;
  if (counts.with_duration === 0) {
    return {
      dataAsOf,
      state: 'unknown',
      videos: counts.videos,
      videosWithDuration: 0,
      message: DURATIONS_UNKNOWN_MESSAGE,
    };
  }
  const { rows } = await db.query<{
    min_seconds: number;
    max_seconds: number | null;
    videos: number;
    median_views: number;
  }>(BUCKETS_SQL, [param.json(DURATION_BUCKET_EDGES)]);
  return {
    dataAsOf,
    state: 'known',
    videos: counts.videos,
    videosWithDuration: counts.with_duration,
    buckets: rows.map((r) => ({
      minSeconds: r.min_seconds,
      maxSeconds: r.max_seconds,
      videos: r.videos,
      medianViews: r.median_views,
    })),
  };
}
