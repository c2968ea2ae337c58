import { param } from '../sql/param.ts';
import type { SqlExecutor } from '../sql/SqlClient.ts';
import { CURVE_DAYS, PREVIOUS_UPLOADS, RECENT_UPLOADS } from './contract/index.ts';
import { isoUtc } from './sqlFragments.ts';
import type { UploadHistory } from './summarisePerformance.ts';

// A slice of channels ($1: json array of ids): each channel's newest $2 uploads (one backward
// range scan of videos_channel_published_idx per channel) with their snapshots from the day of
// publication to CURVE_DAYS ($3) days after it (a range of video_daily_stats' primary key
// (video_id, day) per video), as [age, views] pairs, oldest upload first.
const SQL = /* sql */ `
WITH page AS (
  SELECT e AS channel_id FROM jsonb_array_elements_text($1) AS t(e)
), recent AS (
  SELECT p.channel_id, v.video_id, v.title, v.published_at, v.views, v.stats_day,
         (v.published_at AT TIME ZONE 'UTC')::date AS pub_day
  FROM page p
  CROSS JOIN LATERAL (
    SELECT * FROM videos v WHERE v.channel_id = p.channel_id
    ORDER BY v.published_at DESC LIMIT $2
  ) v
)
SELECT r.channel_id, r.video_id, r.title, ${isoUtc('r.published_at')} AS published_at,
       COALESCE(r.views, 0)::float8 AS views, GREATEST(0, r.stats_day - r.pub_day) AS age_days,
       (SELECT json_agg(json_build_array(s.day - r.pub_day, s.views::float8) ORDER BY s.day)
        FROM video_daily_stats s
        WHERE s.video_id = r.video_id AND s.day BETWEEN r.pub_day AND r.pub_day + $3::int) AS points
FROM recent r
ORDER BY r.channel_id, r.published_at, r.video_id`;

type Raw = {
  channel_id: string;
  video_id: string;
  title: string;
  published_at: string;
  views: number;
  age_days: number | null;
  points: [number, number][] | null;
};

/** Each channel's newest uploads with their early snapshots, oldest first. */
export async function queryVideoPerformance(
  db: SqlExecutor,
  channelIds: readonly string[],
): Promise<Map<string, UploadHistory[]>> {
  const { rows } = await db.query<Raw>(SQL, [
    param.json(channelIds),
    RECENT_UPLOADS + PREVIOUS_UPLOADS,
    CURVE_DAYS,
  ]);
  const byChannel = new Map<string, UploadHistory[]>(channelIds.map((id) => [id, []]));
  for (const r of rows) {
    byChannel.get(r.channel_id)?.push({
      videoId: r.video_id,
      title: r.title,
      publishedAt: r.published_at,
      ageDays: r.age_days,
      views: r.views,
      points: r.points ?? [],
    });
  }
  return byChannel;
}
