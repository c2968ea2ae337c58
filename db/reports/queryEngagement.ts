import { param } from '../sql/param.ts';
import type { SqlExecutor } from '../sql/SqlClient.ts';
import {
  COMMENTS_PER_1000_EDGES,
  ENGAGEMENT_MIN_VIEWS,
  type EngagementDistribution,
  type EngagementReport,
  LIKES_PER_1000_EDGES,
} from './contract/index.ts';
import { rounded } from './sqlFragments.ts';

/** The two metrics, each with the flag that says the uploader turned it off. */
const METRICS = {
  likes: 'ratings_disabled',
  comments: 'comments_disabled',
} as const;
type Metric = keyof typeof METRICS;

// $1: minimum views. Videos whose metric is off or unknown are left out, not counted as zero.
const rated = (metric: Metric) => /* sql */ `
  SELECT ${metric}::float8 * 1000 / views AS rate, ${metric} AS amount, views
  FROM videos
  WHERE views >= $1 AND ${metric} IS NOT NULL AND NOT ${METRICS[metric]}`;

const summarySql = (metric: Metric) => /* sql */ `
WITH r AS (${rated(metric)})
SELECT count(*)::int AS videos,
       ${rounded('sum(amount)::float8 * 1000 / NULLIF(sum(views), 0)')} AS overall,
       ${rounded('percentile_cont(0.10) WITHIN GROUP (ORDER BY rate)')} AS p10,
       ${rounded('percentile_cont(0.25) WITHIN GROUP (ORDER BY rate)')} AS p25,
       ${rounded('percentile_cont(0.50) WITHIN GROUP (ORDER BY rate)')} AS p50,
       ${rounded('percentile_cont(0.75) WITHIN GROUP (ORDER BY rate)')} AS p75,
       ${rounded('percentile_cont(0.90) WITHIN GROUP (ORDER BY rate)')} AS p90
FROM r`;

// $2: histogram edges (json array); bin i holds edges[i] <= rate < edges[i+1].
const histogramSql = (metric: Metric) => /* sql */ `
WITH edges AS (
  SELECT n::int AS i, e::float8 AS lo, lead(e::float8) OVER (ORDER BY n) AS hi
  FROM jsonb_array_elements_text($2) WITH ORDINALITY AS t(e, n)
), r AS (${rated(metric)}),
bins AS (
  SELECT width_bucket(rate, (SELECT array_agg(lo ORDER BY i) FROM edges)) AS i, count(*) AS videos
  FROM r GROUP BY 1
)
SELECT e.lo AS "from", e.hi AS "to", COALESCE(b.videos, 0)::int AS videos
FROM edges e LEFT JOIN bins b USING (i)
ORDER BY e.i`;

async function distribution(
  db: SqlExecutor,
  metric: Metric,
  edges: readonly number[],
): Promise<EngagementDistribution> {
  const s = (
    await db.query<{
      videos: number;
      overall: number | null;
      p10: number | null;
      p25: number | null;
      p50: number | null;
      p75: number | null;
      p90: number | null;
    }>(summarySql(metric), [ENGAGEMENT_MIN_VIEWS])
  ).rows[0]!;
  const histogram = await db.query<{ from: number; to: number | null; videos: number }>(
    histogramSql(metric),
    [ENGAGEMENT_MIN_VIEWS, param.json(edges)],
  );
  return {
    videos: s.videos,
    overall: s.overall,
    quantiles: s.videos ? { p10: s.p10!, p25: s.p25!, p50: s.p50!, p75: s.p75!, p90: s.p90! } : null,
    histogram: histogram.rows,
  };
}

/** The `engagement` report: likes and comments per 1,000 views across videos. */
export async function queryEngagement(db: SqlExecutor, dataAsOf: string | null): Promise<EngagementReport> {
  return {
    dataAsOf,
    minViews: ENGAGEMENT_MIN_VIEWS,
    likesPer1000: await distribution(db, 'likes', LIKES_PER_1000_EDGES),
    commentsPer1000: await distribution(db, 'comments', COMMENTS_PER_1000_EDGES),
  };
}
