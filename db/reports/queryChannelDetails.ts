import { param } from '../sql/param.ts';
import type { SqlExecutor } from '../sql/SqlClient.ts';
import {
  BREAKOUT_MULTIPLIER,
  CHANNEL_VIDEOS_LIMIT,
  type ChannelReport,
  type ChannelVideo,
} from './contract/index.ts';
import { clipped, isoUtc, medianOf, rounded } from './sqlFragments.ts';

/** The parts of a channel report computed from its videos and snapshots. */
export type ChannelDetails = Omit<ChannelReport, 'dataAsOf' | 'channel' | 'breakoutMultiplier'>;

// One statement for a page of channels ($1: json array of channel ids), set-based per part:
// - vid: the page's videos (videos_channel_published_idx), age from publication to latest snapshot.
//   vid and daily read each channel through LATERAL ... OFFSET 0 (which keeps the planner from
//   flattening it into a plain join): the planner guesses 100 rows for $1 and
//   otherwise hashes it against a full scan of videos and of the rollups, ~120 ms per batch at
//   100,000 videos whatever the batch's size (measured; 100 batches made it 8 of a 13 s refresh).
// - ranked: the channel median and each video's rank by views (window functions, one sort).
// - daily: views over time with each video's latest snapshot carried forward: the running sum of
//   the channel's per-day deltas in the rollups (channel_view_days, migration 10, its primary key
//   (channel_id, day)), about one row per snapshot day instead of one per video and day.
// - uploads/months: uploads per month over the channel's whole span; gaps: median days between.
// Every list comes back as rows of at most CHUNK items (channel_id, part, chunk, items): the Data
// API refuses a row over 64 KB, and one channel's 500 videos as one JSON value would be ~130 KB.
// Videos, breakouts and series points are JSON arrays, not objects: without the keys a video is
// ~40% smaller, and the Data API (which escapes every quote of a JSON value) carries fewer bytes.
// $2: videos listed per channel, $3: breakout multiplier, $4: items per chunk.
const SQL = /* sql */ `
WITH page AS (
  SELECT e AS channel_id FROM jsonb_array_elements_text($1) AS t(e)
), vid AS (
  SELECT v.channel_id, v.video_id, ${clipped('v.title')} AS title, v.published_at, COALESCE(v.views, 0) AS views,
         COALESCE(v.likes, 0) AS likes, COALESCE(v.comments, 0) AS comments, v.duration_seconds,
         GREATEST(1, COALESCE(v.stats_day, (v.published_at AT TIME ZONE 'UTC')::date)
                     - (v.published_at AT TIME ZONE 'UTC')::date) AS age_days
  FROM page CROSS JOIN LATERAL (SELECT * FROM videos x WHERE x.channel_id = page.channel_id OFFSET 0) v
), medians AS (
  SELECT channel_id, ${medianOf('views')} AS median FROM vid GROUP BY channel_id
), ranked AS (
  SELECT vid.*, m.median,
         row_number() OVER (PARTITION BY vid.channel_id ORDER BY vid.views DESC, vid.video_id) AS rank,
         CASE WHEN m.median > 0 THEN ${rounded('vid.views / m.median', 2)} END AS median_multiple,
         (m.median > 0 AND vid.views >= $3 * m.median) AS breakout
  FROM vid JOIN medians m USING (channel_id)
), breakouts AS (
  SELECT *, row_number() OVER (PARTITION BY channel_id ORDER BY rank) AS ord FROM ranked WHERE breakout
), daily AS (
  SELECT page.channel_id, r.day,
         sum(r.views_delta) OVER (PARTITION BY page.channel_id ORDER BY r.day) AS views,
         row_number() OVER (PARTITION BY page.channel_id ORDER BY r.day) AS ord
  FROM page CROSS JOIN LATERAL (
    SELECT x.day, x.views_delta FROM channel_view_days x WHERE x.channel_id = page.channel_id OFFSET 0) r
), uploads AS (
  SELECT channel_id, date_trunc('month', published_at AT TIME ZONE 'UTC') AS month, count(*) AS uploads
  FROM vid GROUP BY 1, 2
), months AS (
  SELECT b.channel_id, s.month, row_number() OVER (PARTITION BY b.channel_id ORDER BY s.month) AS ord
  FROM (SELECT channel_id, min(month) AS lo, max(month) AS hi FROM uploads GROUP BY channel_id) b,
       generate_series(b.lo, b.hi, interval '1 month') AS s(month)
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
), items AS (
  SELECT channel_id, 'videos' AS part, rank AS ord,
         json_build_array(
           video_id, title, ${isoUtc('published_at')}, views, likes, comments, duration_seconds,
           age_days, ${rounded('views::float8 / age_days', 2)}, median_multiple, COALESCE(breakout, false)) AS item
  FROM ranked WHERE rank <= $2
  UNION ALL
  SELECT channel_id, 'breakouts', ord,
         json_build_array(video_id, title, views, median_multiple)
  FROM breakouts
  UNION ALL
  SELECT channel_id, 'viewsOverTime', ord, json_build_array(day, views) FROM daily
  UNION ALL
  SELECT m.channel_id, 'byMonth', m.ord,
         json_build_object('month', to_char(m.month, 'YYYY-MM'), 'uploads', COALESCE(u.uploads, 0))
  FROM months m LEFT JOIN uploads u USING (channel_id, month)
  UNION ALL
  SELECT channel_id, 'medianGap', 1, to_json(median_gap) FROM gaps
)
SELECT channel_id, part, ((ord - 1) / $4)::int AS chunk, json_agg(item ORDER BY ord) AS items
FROM items
GROUP BY channel_id, part, chunk
ORDER BY channel_id, part, chunk`;

/** Items per returned row: 100 videos of ~160 bytes stay well under the 64 KB row limit. */
const CHUNK = 100;

type Raw = {
  channel_id: string;
  part: 'videos' | 'breakouts' | 'viewsOverTime' | 'byMonth' | 'medianGap';
  chunk: number;
  items: unknown[];
};

type VideoTuple = [
  string,
  string,
  string,
  number,
  number,
  number,
  number | null,
  number,
  number,
  number | null,
  boolean,
];
type BreakoutTuple = [string, string, number, number];

/** A video from its array, keys in the contract's order. */
function videoOf(t: VideoTuple): ChannelVideo {
  const [videoId, title, publishedAt, views, likes, comments, durationSeconds] = t;
  const [ageDays, viewsPerDay, medianMultiple, breakout] = t.slice(7) as [
    number,
    number,
    number | null,
    boolean,
  ];
  return {
    videoId,
    title,
    publishedAt,
    views,
    likes,
    comments,
    durationSeconds,
    ageDays,
    viewsPerDay,
    medianMultiple,
    breakout,
  };
}

function emptyDetails(): ChannelDetails {
  return {
    viewsOverTime: [],
    videos: [],
    videosListed: 0,
    cadence: { byMonth: [], medianDaysBetweenUploads: null },
    breakouts: [],
  };
}

/** Details of each channel in `channelIds` (one statement), keyed by channel id. */
export async function queryChannelDetails(
  db: SqlExecutor,
  channelIds: readonly string[],
): Promise<Map<string, ChannelDetails>> {
  const { rows } = await db.query<Raw>(SQL, [
    param.json(channelIds),
    CHANNEL_VIDEOS_LIMIT,
    BREAKOUT_MULTIPLIER,
    CHUNK,
  ]);
  const details = new Map<string, ChannelDetails>(channelIds.map((id) => [id, emptyDetails()]));
  // Rows arrive ordered by channel, part and chunk, so appending keeps every list in order.
  for (const r of rows) {
    const d = details.get(r.channel_id)!;
    if (r.part === 'videos') for (const t of r.items as VideoTuple[]) d.videos.push(videoOf(t));
    else if (r.part === 'breakouts') {
      for (const [videoId, title, views, medianMultiple] of r.items as BreakoutTuple[])
        d.breakouts.push({ videoId, title, views, medianMultiple });
    } else if (r.part === 'byMonth')
      d.cadence.byMonth.push(...(r.items as ChannelReport['cadence']['byMonth']));
    else if (r.part === 'medianGap') d.cadence.medianDaysBetweenUploads = r.items[0] as number;
    else {
      for (const [day, views] of r.items as [string, number | string][]) {
        d.viewsOverTime.push({ day, views: Number(views) });
      }
    }
  }
  for (const d of details.values()) d.videosListed = d.videos.length;
  return details;
}
