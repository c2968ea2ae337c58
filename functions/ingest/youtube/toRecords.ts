import type { ChannelRow } from '../../../db/ingest/upsertChannels.ts';
import type { VideoRow } from '../../../db/ingest/upsertVideos.ts';
import type { ApiChannel, ApiVideo } from './schemas.ts';

/** A channel as the ingest writes it: the row db/ingest/upsertChannels.ts stores. */
export type ChannelRecord = ChannelRow;

/** A video as the ingest writes it (counts null when the API hides them): db/ingest/upsertVideos.ts's row. */
export type VideoRecord = VideoRow;

export function toChannelRecord(c: ApiChannel): ChannelRecord {
  const stats = c.statistics;
  const handle = c.snippet?.customUrl ?? null;
  return {
    channelId: c.id,
    title: c.snippet?.title ?? c.id,
    // Handles are '@name'; channels from before 2022 may still carry a bare custom URL.
    handle: handle ? (handle.startsWith('@') ? handle : `@${handle}`) : null,
    // The API sends "" for related playlists that do not exist.
    uploadsPlaylistId: c.contentDetails?.relatedPlaylists?.uploads || null,
    publishedAt: c.snippet?.publishedAt ?? null,
    subscribers: stats?.hiddenSubscriberCount ? null : (stats?.subscriberCount ?? null),
    views: stats?.viewCount ?? null,
    videoCount: stats?.videoCount ?? null,
  };
}

// uploadStatus values for a video that can no longer be watched.
const GONE = new Set(['deleted', 'failed', 'rejected']);

/** Whether videos.list returned the video but it is gone (deleted, failed or rejected upload). */
export function isGone(v: ApiVideo): boolean {
  return GONE.has(v.status?.uploadStatus ?? '');
}

export function toVideoRecord(v: ApiVideo): VideoRecord {
  const s = v.statistics;
  const live = v.snippet.liveBroadcastContent !== undefined && v.snippet.liveBroadcastContent !== 'none';
  const duration = v.contentDetails?.duration ?? null;
  return {
    videoId: v.id,
    channelId: v.snippet.channelId,
    title: v.snippet.title,
    description: v.snippet.description ?? null,
    publishedAt: v.snippet.publishedAt,
    // A live or upcoming broadcast reports P0D: its length is not known yet, not zero.
    durationSeconds: live && duration === 0 ? null : duration,
    categoryId: v.snippet.categoryId === undefined ? null : Number(v.snippet.categoryId),
    tags: v.snippet.tags ?? [],
    views: s?.viewCount ?? null,
    likes: s?.likeCount ?? null,
    dislikes: s?.dislikeCount ?? null,
    comments: s?.commentCount ?? null,
    // The API omits commentCount when comments are off and likeCount when ratings are hidden.
    commentsDisabled: s !== undefined && s.commentCount === undefined,
    ratingsDisabled: s !== undefined && s.likeCount === undefined,
  };
}
