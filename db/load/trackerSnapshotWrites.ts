import type { BulkSession } from './bulkSession.ts';
import { channelDailyStaging, videoSnapshotStaging } from './trackerStaging.ts';

/**
 * Every write the tracker import makes to the snapshot tables (channel_daily_stats and
 * video_daily_stats), in one place: whatever must change in the same transaction as the
 * snapshots (per-day rollups kept by every writer, issue 18) is added here, next to them.
 * Each upsert writes only rows whose values change, so loading a file again writes nothing.
 */

// One snapshot per channel and UTC day; the file's last line for that day wins. An empty count
// (hidden by the channel, or not asked for) leaves a known one alone.
const UPSERT_CHANNEL_SNAPSHOTS = /* sql */ `
INSERT INTO channel_daily_stats AS d (channel_id, day, subscribers, views, videos)
SELECT DISTINCT ON (channel_id, day) channel_id, day, subscribers, views, videos
FROM ${channelDailyStaging.table}
ORDER BY channel_id, day, line DESC
ON CONFLICT (channel_id, day) DO UPDATE SET
  subscribers = COALESCE(excluded.subscribers, d.subscribers),
  views = COALESCE(excluded.views, d.views),
  videos = COALESCE(excluded.videos, d.videos)
WHERE (d.subscribers, d.views, d.videos) IS DISTINCT FROM
  (COALESCE(excluded.subscribers, d.subscribers), COALESCE(excluded.views, d.views), COALESCE(excluded.videos, d.videos))`;

// A tracker may snapshot a video several times a day: the day keeps its latest snapshot
// (snapshot_utc, then line). Dislikes are not in the file and stay as they are.
const UPSERT_VIDEO_SNAPSHOTS = /* sql */ `
INSERT INTO video_daily_stats AS d (video_id, day, views, likes, comments)
SELECT DISTINCT ON (video_id, day) video_id, day, views, likes, comments
FROM ${videoSnapshotStaging.table}
ORDER BY video_id, day, snapshot_at DESC, line DESC
ON CONFLICT (video_id, day) DO UPDATE SET views = excluded.views, likes = excluded.likes, comments = excluded.comments
WHERE (d.views, d.likes, d.comments) IS DISTINCT FROM (excluded.views, excluded.likes, excluded.comments)`;

/** Upserts the staged chunk of daily channel snapshots into channel_daily_stats. */
export async function writeChannelSnapshots(session: BulkSession): Promise<void> {
  await session.query(UPSERT_CHANNEL_SNAPSHOTS);
}

/** Upserts the staged chunk of video snapshots into video_daily_stats (videos must exist). */
export async function writeVideoSnapshots(session: BulkSession): Promise<void> {
  await session.query(UPSERT_VIDEO_SNAPSHOTS);
}
