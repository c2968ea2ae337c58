import type { SqlExecutor } from '../sql/SqlClient.ts';
import { REPORT_TEXT_LIMIT } from './sqlFragments.ts';

/** A title or handle longer than the reports show (they clip it: sqlFragments' `clipped`). */
export interface OversizedText {
  readonly field: 'video title' | 'channel title' | 'channel handle';
  /** The video, for a video title. */
  readonly videoId: string | null;
  readonly channelId: string;
  readonly characters: number;
}

// One pass over the videos' titles (length() of a short inline text; about 0.1 s at 1 M videos)
// and one over the channels. Few rows ever match: YouTube allows 100 characters.
const SQL = /* sql */ `
SELECT field, video_id, channel_id, characters FROM (
  SELECT 'video title' AS field, video_id, channel_id, length(title) AS characters FROM videos
  WHERE length(title) > $1
  UNION ALL
  SELECT 'channel title', NULL, channel_id, length(title) FROM channels WHERE length(title) > $1
  UNION ALL
  SELECT 'channel handle', NULL, channel_id, length(handle) FROM channels WHERE length(handle) > $1
) t
ORDER BY field, channel_id, video_id
LIMIT $2`;

/** The titles and handles the reports clip, at most `limit` of them. */
export async function queryOversizedText(db: SqlExecutor, limit = 100): Promise<OversizedText[]> {
  const { rows } = await db.query<{
    field: OversizedText['field'];
    video_id: string | null;
    channel_id: string;
    characters: number;
  }>(SQL, [REPORT_TEXT_LIMIT, limit]);
  return rows.map((r) => ({
    field: r.field,
    videoId: r.video_id,
    channelId: r.channel_id,
    characters: Number(r.characters),
  }));
}
