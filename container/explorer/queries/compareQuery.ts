import type { SqlExecutor, SqlParam } from '../../../db/sql/SqlClient.ts';
import type { CompareRow } from '../../shared/protocol.ts';
import type { ViewState } from '../../shared/viewState.ts';
import { videoFilterSql } from './videoFilter.ts';

/** One row per selected channel: its filtered videos counted and summarised side by side. */
export async function compareQuery(
  db: SqlExecutor,
  state: Pick<ViewState, 'channels' | 'filters' | 'timeZone'>,
): Promise<CompareRow[]> {
  if (!state.channels.length) return [];
  const params: SqlParam[] = [];
  const where = videoFilterSql(state, null, params);
  const { rows } = await db.query<{
    channel_id: string;
    title: string;
    videos: number;
    total_views: number;
    median_views: number | null;
    median_duration: number | null;
  }>(
    /* sql */ `
    SELECT c.channel_id, c.title,
           count(v.video_id)::int AS videos,
           coalesce(sum(v.views), 0)::float8 AS total_views,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY v.views)::float8 AS median_views,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY v.duration_seconds)::float8 AS median_duration
    FROM videos v JOIN channels c ON c.channel_id = v.channel_id
    ${where}
    GROUP BY c.channel_id, c.title
    ORDER BY total_views DESC, c.channel_id`,
    params,
  );
  return rows.map((r) => ({
    channelId: r.channel_id,
    title: r.title,
    videos: r.videos,
    totalViews: r.total_views,
    medianViews: r.median_views ?? 0,
    medianDuration: r.median_duration,
  }));
}
