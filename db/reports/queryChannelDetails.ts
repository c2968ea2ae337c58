import { param } from '../sql/param.ts';
import type { SqlExecutor } from '../sql/SqlClient.ts';
import {
  BREAKOUT_MULTIPLIER,
  CHANNEL_VIDEOS_LIMIT,
  type ChannelReport,
  type ChannelVideo,
} from './contract/index.ts';
import { isoUtc, medianOf, rounded } from './sqlFragments.ts';

/** The parts of a channel report computed from its videos and snapshots. */
export type ChannelDetails = Omit<ChannelReport, 'dataAsOf' | 'channel' | 'breakoutMultiplier'>;

// One statement for a page of channels ($1: json array of channel ids), set-based per part:
// - vid: the page's videos (videos_channel_published_idx), age from publication to latest snapshot.
// - ranked: the channel median and each video's rank by views (window functions, one sort).
// - deltas/daily: views over time with each video's latest snapshot carried forward. A video adds
//   (views - its previous snapshot's views) on each snapshot day; the running sum of those deltas
//   per channel is the sum over its videos of the latest snapshot on or before that day. Reads
//   video_daily_stats through its primary key (video_id, day).
// - cadence: uploads per month over the channel's whole span, and the median gap between uploads.
// $2: videos listed per channel, $3: breakout multiplier.
const SQL = /* sql */ `
WITH page AS (
  SELECT e AS channel_id FROM jsonb_array_elements_text($1) AS t(e)
), vid AS (
  SELECT v.channel_id, v.video_id, v.title, v.published_at, COALESCE(v.views, 0) AS views,
         COALESCE(v.likes, 0) AS likes, COALESCE(v.comments, 0) AS comments, v.duration_seconds,
         GREATEST(1, COALESCE(v.stats_day, (v.published_at AT TIME ZONE 'UTC')::date)
                     - (v.published_at AT TIME ZONE 'UTC')::date) AS age_days
  FROM page JOIN videos v USING (channel_id)
), medians AS (
  SELECT channel_id, ${medianOf('views')} AS median FROM vid GROUP BY channel_id
), ranked AS (
  SELECT vid.*, m.median,
         row_number() OVER (PARTITION BY vid.channel_id ORDER BY vid.views DESC, vid.video_id) AS rank,
         CASE WHEN m.median > 0 THEN ${rounded('vid.views / m.median', 2)} END AS median_multiple
  FROM vid JOIN medians m USING (channel_id)
), listed AS (
  SELECT channel_id,
         json_agg(json_build_object(
           'videoId', video_id, 'title', title, 'publishedAt', ${isoUtc('published_at')},
           'views', views, 'likes', likes, 'comments', comments, 'durationSeconds', duration_seconds,
           'ageDays', age_days, 'viewsPerDay', ${rounded('views::float8 / age_days', 2)},
           'medianMultiple', median_multiple, 'breakout', COALESCE(views >= $3 * median AND median > 0, false)
         ) ORDER BY rank) FILTER (WHERE rank <= $2) AS videos,
         count(*) FILTER (WHERE rank <= $2)::int AS videos_listed,
         json_agg(json_build_object(
           'videoId', video_id, 'title', title, 'views', views, 'medianMultiple', median_multiple
         ) ORDER BY rank) FILTER (WHERE median > 0 AND views >= $3 * median) AS breakouts
  FROM ranked GROUP BY channel_id
), deltas AS (
  SELECT v.channel_id, s.day,
         s.views - COALESCE(lag(s.views) OVER (PARTITION BY s.video_id ORDER BY s.day), 0) AS delta
  FROM page JOIN videos v USING (channel_id) JOIN video_daily_stats s USING (video_id)
), daily AS (
  SELECT channel_id, day, sum(sum(delta)) OVER (PARTITION BY channel_id ORDER BY day) AS views
  FROM deltas GROUP BY channel_id, day
), over_time AS (
  SELECT channel_id, json_agg(json_build_object('day', day, 'views', views) ORDER BY day) AS series
  FROM daily GROUP BY channel_id
), uploads AS (
  SELECT channel_id, date_trunc('month', published_at AT TIME ZONE 'UTC') AS month, count(*) AS uploads
  FROM vid GROUP BY 1, 2
), months AS (
  SELECT b.channel_id, s.month
  FROM (SELECT channel_id, min(month) AS lo, max(month) AS hi FROM uploads GROUP BY channel_id) b,
       generate_series(b.lo, b.hi, interval '1 month') AS s(month)
), cadence AS (
  SELECT m.channel_id,
         json_agg(json_build_object('month', to_char(m.month, 'YYYY-MM'), 'uploads', COALESCE(u.uploads, 0))
                  ORDER BY m.month) AS by_month
  FROM months m LEFT JOIN uploads u USING (channel_id, month)
  GROUP BY m.channel_id
), gaps AS (
  SELECT channel_id, ${rounded('percentile_cont(0.5) WITHIN GROUP (ORDER BY gap)', 2)} AS median_gap
  FROM (
    SELECT channel_id,
           extract(epoch FROM published_at - lag(published_at) OVER (PARTITION BY channel_id ORDER BY published_at))
             / 86400 AS gap
    FROM vid
  ) g
  WHERE gap IS NOT NULL
  GROUP BY channel_id
)
SELECT page.channel_id,
       COALESCE(l.videos, '[]'::json) AS videos, COALESCE(l.videos_listed, 0) AS videos_listed,
       COALESCE(l.breakouts, '[]'::json) AS breakouts,
       COALESCE(o.series, '[]'::json) AS views_over_time,
       COALESCE(c.by_month, '[]'::json) AS by_month,
       g.median_gap
FROM page
LEFT JOIN listed l USING (channel_id)
LEFT JOIN over_time o USING (channel_id)
LEFT JOIN cadence c USING (channel_id)
LEFT JOIN gaps g USING (channel_id)`;

type Raw = {
  channel_id: string;
  videos: ChannelVideo[];
  videos_listed: number;
  breakouts: ChannelReport['breakouts'];
  views_over_time: ChannelReport['viewsOverTime'];
  by_month: ChannelReport['cadence']['byMonth'];
  median_gap: number | null;
};

/** Details of each channel in `channelIds` (one statement), keyed by channel id. */
export async function queryChannelDetails(
  db: SqlExecutor,
  channelIds: readonly string[],
): Promise<Map<string, ChannelDetails>> {
  const { rows } = await db.query<Raw>(SQL, [
    param.json(channelIds),
    CHANNEL_VIDEOS_LIMIT,
    BREAKOUT_MULTIPLIER,
  ]);
  return new Map(
    rows.map((r) => [
      r.channel_id,
      {
        viewsOverTime: r.views_over_time.map((p) => ({ day: p.day, views: Number(p.views) })),
        videos: r.videos,
        videosListed: r.videos_listed,
        cadence: { byMonth: r.by_month, medianDaysBetweenUploads: r.median_gap },
        breakouts: r.breakouts,
      },
    ]),
  );
}
