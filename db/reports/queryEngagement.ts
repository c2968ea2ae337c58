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

/** The two metrics; RATED pairs each with the flag that says the uploader turned it off. */
const METRICS = ['likes', 'comments'] as const;
type Metric = (typeof METRICS)[number];

// $1: minimum views. A metric the uploader turned off, or unknown, is NULL here: left out of
// that metric's figures (percentile_cont, count and width_bucket skip NULLs), not counted as zero.
// Both metrics come from one scan of videos in each of the two statements, where the four before
// (a summary and a histogram per metric) scanned four times: at 1 M videos 0.96-1.00 s against
// 1.08-1.15 s, the same report. What is left is mostly the two sorts the percentiles need.
const RATED = /* sql */ `
  SELECT views,
         CASE WHEN likes IS NOT NULL AND NOT ratings_disabled THEN likes END AS likes,
         CASE WHEN comments IS NOT NULL AND NOT comments_disabled THEN comments END AS comments
  FROM videos
  WHERE views >= $1`;

const rate = (m: Metric) => `${m}::float8 * 1000 / views`;
const summaryColumns = (m: Metric) => /* sql */ `
       count(${m})::int AS ${m}_videos,
       ${rounded(`sum(${m})::float8 * 1000 / NULLIF(sum(views) FILTER (WHERE ${m} IS NOT NULL), 0)`)} AS ${m}_overall,
       ${[10, 25, 50, 75, 90]
         .map((p) => `${rounded(`percentile_cont(0.${p}) WITHIN GROUP (ORDER BY ${rate(m)})`)} AS ${m}_p${p}`)
         .join(',\n       ')}`;

const SUMMARY_SQL = /* sql */ `
WITH r AS (${RATED})
SELECT ${METRICS.map(summaryColumns).join(',')}
FROM r`;

// $2, $3: the likes and comments histogram edges (json arrays); bin i holds edges[i] <= rate <
// edges[i+1]. Each video's two bins are computed in one pass, then counted per metric.
const edges = (json: string) => /* sql */ `
  SELECT n::int AS i, e::float8 AS lo, lead(e::float8) OVER (ORDER BY n) AS hi
  FROM jsonb_array_elements_text(${json}) WITH ORDINALITY AS t(e, n)`;
const HISTOGRAM_SQL = /* sql */ `
WITH likes_edges AS (${edges('$2')}), comments_edges AS (${edges('$3')}),
binned AS MATERIALIZED (
  SELECT width_bucket(${rate('likes')}, (SELECT array_agg(lo ORDER BY i) FROM likes_edges)) AS likes,
         width_bucket(${rate('comments')}, (SELECT array_agg(lo ORDER BY i) FROM comments_edges)) AS comments
  FROM (${RATED}) r
)
${METRICS.map(
  (
    m,
  ) => /* sql */ `SELECT '${m}' AS metric, e.i, e.lo AS "from", e.hi AS "to", COALESCE(b.videos, 0)::int AS videos
FROM ${m}_edges e LEFT JOIN (SELECT ${m} AS i, count(*) AS videos FROM binned GROUP BY 1) b USING (i)`,
).join('\nUNION ALL\n')}
ORDER BY metric, i`;

type SummaryRow = Record<string, number | null>;
type BinRow = { metric: Metric; from: number; to: number | null; videos: number };

function distribution(metric: Metric, s: SummaryRow, bins: readonly BinRow[]): EngagementDistribution {
  const videos = s[`${metric}_videos`] as number;
  const q = (p: number) => s[`${metric}_p${p}`]!;
  return {
    videos,
    overall: s[`${metric}_overall`] ?? null,
    quantiles: videos ? { p10: q(10), p25: q(25), p50: q(50), p75: q(75), p90: q(90) } : null,
    histogram: bins.filter((b) => b.metric === metric).map(({ from, to, videos }) => ({ from, to, videos })),
  };
}

/** The `engagement` report: likes and comments per 1,000 views across videos. */
export async function queryEngagement(db: SqlExecutor, dataAsOf: string | null): Promise<EngagementReport> {
  const summary = (await db.query<SummaryRow>(SUMMARY_SQL, [ENGAGEMENT_MIN_VIEWS])).rows[0]!;
  const bins = await db.query<BinRow>(HISTOGRAM_SQL, [
    ENGAGEMENT_MIN_VIEWS,
    param.json(LIKES_PER_1000_EDGES),
    param.json(COMMENTS_PER_1000_EDGES),
  ]);
  return {
    dataAsOf,
    minViews: ENGAGEMENT_MIN_VIEWS,
    likesPer1000: distribution('likes', summary, bins.rows),
    commentsPer1000: distribution('comments', summary, bins.rows),
  };
}
