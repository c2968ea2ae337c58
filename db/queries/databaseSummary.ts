import type { SqlExecutor } from '../sql/SqlClient.ts';

export interface DatabaseSummary {
  readonly channels: number;
  readonly videos: number;
  readonly snapshotDays: number;
  readonly videoSnapshots: number;
  readonly firstDay: string | null;
  readonly lastDay: string | null;
}

/** What is in the database: the numbers `tubelens status` and `npm start` print. */
export async function databaseSummary(db: SqlExecutor): Promise<DatabaseSummary> {
  const { rows } = await db.query<{
    channels: number;
    videos: number;
    snapshot_days: number;
    video_snapshots: number;
    first_day: string | null;
    last_day: string | null;
  }>(`SELECT
      (SELECT count(*)::int FROM channels) AS channels,
      (SELECT count(*)::int FROM videos) AS videos,
      (SELECT count(DISTINCT day)::int FROM video_daily_stats) AS snapshot_days,
      (SELECT count(*)::int FROM video_daily_stats) AS video_snapshots,
      (SELECT min(day) FROM video_daily_stats) AS first_day,
      (SELECT max(day) FROM video_daily_stats) AS last_day`);
  const r = rows[0]!;
  return {
    channels: r.channels,
    videos: r.videos,
    snapshotDays: r.snapshot_days,
    videoSnapshots: r.video_snapshots,
    firstDay: r.first_day,
    lastDay: r.last_day,
  };
}

export function formatSummary(s: DatabaseSummary): string {
  const range = s.firstDay ? `${s.firstDay} to ${s.lastDay}` : 'no snapshots yet';
  return [
    `channels        ${s.channels.toLocaleString('en-US')}`,
    `videos          ${s.videos.toLocaleString('en-US')}`,
    `snapshot days   ${s.snapshotDays.toLocaleString('en-US')} (${s.videoSnapshots.toLocaleString('en-US')} video snapshots)`,
    `date range      ${range}`,
  ].join('\n');
}
