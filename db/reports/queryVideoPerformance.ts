import { param } from '../sql/param.ts';
import type { SqlExecutor } from '../sql/SqlClient.ts';
import { CURVE_DAYS, PREVIOUS_UPLOADS, RECENT_UPLOADS } from './contract/index.ts';
import { clipped, isoUtc } from './sqlFragments.ts';
import type { UploadHistory } from './summarisePerformance.ts';

/**
 * An `uploads` CTE: for each channel of the CTE `page` (channel_id), its newest `limit` (a
 * parameter such as '$2', RECENT_UPLOADS + PREVIOUS_UPLOADS) uploads (one backward range scan of
 * videos_channel_published_idx per channel) with their snapshots from the day of publication to
 * `curveDays` (CURVE_DAYS) days after it (a range of video_daily_stats' primary key
 * (video_id, day) per video, in key order: the ordered subquery needs no sort), oldest upload
 * first. One JSON value per channel, each upload's snapshots as two plain arrays (ages, views):
 * the Data API client decodes every field of every row one by one and PostgreSQL builds a JSON
 * array per point slowly, so a row per upload and an [age, views] pair per point cost more than
 * the reading itself (docs/growth.md). Ages without a gap (a video snapshotted every day, the
 * usual case) come as the first age alone: the answer is about a fifth smaller (decodeUploads).
 */
export const uploadsCte = (limit: string, curveDays: string) => /* sql */ `recent AS (
  SELECT p.channel_id, v.video_id, ${clipped('v.title')} AS title, v.published_at, v.views, v.stats_day,
         (v.published_at AT TIME ZONE 'UTC')::date AS pub_day
  FROM page p
  CROSS JOIN LATERAL (
    SELECT * FROM videos v WHERE v.channel_id = p.channel_id
    ORDER BY v.published_at DESC LIMIT ${limit}
  ) v
), uploads AS (
  SELECT r.channel_id,
         json_agg(json_build_array(r.video_id, r.title, ${isoUtc('r.published_at')},
                                   COALESCE(r.views, 0)::float8, GREATEST(0, r.stats_day - r.pub_day),
                                   s.ages, s.views)
                  ORDER BY r.published_at, r.video_id) AS uploads
  FROM recent r
  CROSS JOIN LATERAL (
    SELECT CASE WHEN max(x.age) - min(x.age) = count(*) - 1 THEN ARRAY[min(x.age)] ELSE array_agg(x.age) END AS ages,
           array_agg(x.views) AS views
    FROM (
      SELECT x.day - r.pub_day AS age, x.views::float8 AS views FROM video_daily_stats x
      WHERE x.video_id = r.video_id AND x.day BETWEEN r.pub_day AND r.pub_day + ${curveDays}::int
      ORDER BY x.day
    ) x
  ) s
  GROUP BY r.channel_id
)`;

/**
 * One upload as uploadsCte gives it: id, title, published, views, age in days, then the ages and
 * the views of its snapshots. The ages are one per snapshot, or only the first when they run
 * without a gap (one element for several views); both null without snapshots.
 */
export type RawUpload = [string, string, string, number, number | null, number[] | null, number[] | null];

/** The age of each snapshot, from uploadsCte's ages (the first alone when without a gap) and views. */
export function decodeAges(ages: readonly number[] | null, views: readonly number[] | null): number[] {
  if (!ages || !views) return [];
  if (ages.length === views.length) return ages as number[];
  const first = ages[0]!;
  return views.map((_, i) => first + i);
}

/** The uploads of uploadsCte's value, oldest first. */
export const decodeUploads = (uploads: readonly RawUpload[]): UploadHistory[] =>
  uploads.map(([videoId, title, publishedAt, views, ageDays, ages, counts]) => ({
    videoId,
    title,
    publishedAt,
    ageDays,
    views,
    snapshots: { ages: decodeAges(ages, counts), views: counts ?? [] },
  }));

const SQL = /* sql */ `
WITH page AS (
  SELECT e AS channel_id FROM jsonb_array_elements_text($1) AS t(e)
), ${uploadsCte('$2', '$3')}
SELECT channel_id, uploads FROM uploads`;

/** Each channel's newest uploads with their early snapshots, oldest first. */
export async function queryVideoPerformance(
  db: SqlExecutor,
  channelIds: readonly string[],
): Promise<Map<string, UploadHistory[]>> {
  const { rows } = await db.query<{ channel_id: string; uploads: RawUpload[] }>(SQL, [
    param.json(channelIds),
    RECENT_UPLOADS + PREVIOUS_UPLOADS,
    CURVE_DAYS,
  ]);
  const byChannel = new Map<string, UploadHistory[]>(channelIds.map((id) => [id, []]));
  for (const r of rows) byChannel.set(r.channel_id, decodeUploads(r.uploads));
  return byChannel;
}
