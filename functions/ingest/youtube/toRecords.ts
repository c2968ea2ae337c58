import type { ApiChannel, ApiVideo } from './schemas.ts';

/** A channel as the ingest writes it. */
export interface ChannelRecord {
  readonly channelId: string;
  readonly title: string;
  readonly handle: string | null;
  readonly uploadsPlaylistId: string | null;
  readonly publishedAt: Date | null;
  /** null when the owner hides the subscriber count. */
  readonly subscribers: number | null;
  readonly views: number | null;
  readonly videoCount: number | null;
}

/** A video as the ingest writes it; counts are null when the API hides them. */
export interface VideoRecord {
  readonly videoId: string;
  readonly channelId: string;
  readonly title: string;
  readonly description: string | null;
  readonly publishedAt: Date;
  readonly durationSeconds: number | null;
  readonly categoryId: number | null;
  readonly tags: readonly string[];
  readonly views: number | null;
  readonly likes: number | null;
  readonly dislikes: number | null;
  readonly comments: number | null;
  readonly commentsDisabled: boolean;
  readonly ratingsDisabled: boolean;
}

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
