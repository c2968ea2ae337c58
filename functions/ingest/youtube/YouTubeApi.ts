import type { z } from 'zod';
import type {
  channelListSchema,
  playlistItemListSchema,
  videoCategoryListSchema,
  videoListSchema,
} from './schemas.ts';

export type ChannelList = z.output<typeof channelListSchema>;
export type PlaylistItemList = z.output<typeof playlistItemListSchema>;
export type VideoList = z.output<typeof videoListSchema>;
export type VideoCategoryList = z.output<typeof videoCategoryListSchema>;

/** Called before every HTTP attempt (retries included: the API charges each one). */
export interface RequestHooks {
  /** May throw (e.g. BudgetExhaustedError) to stop the attempt before it is sent. */
  beforeAttempt?(method: string): void;
}

/** Most ids or results the API takes or returns in one list call. */
export const MAX_RESULTS = 50;

/**
 * The port for the four YouTube Data API v3 list methods the ingest uses, each 1 quota unit a
 * call. Responses are validated; errors are typed (see ../errors.ts).
 */
export interface YouTubeApi {
  /** channels.list part=snippet,contentDetails,statistics, by up to 50 ids or by one @handle. */
  listChannels(
    query: { ids: readonly string[] } | { forHandle: string },
    hooks?: RequestHooks,
  ): Promise<ChannelList>;
  /** playlistItems.list part=snippet,contentDetails, 50 a page; null when the playlist does not exist. */
  listPlaylistItems(
    query: { playlistId: string; pageToken?: string | undefined },
    hooks?: RequestHooks,
  ): Promise<PlaylistItemList | null>;
  /** videos.list part=snippet,contentDetails,statistics,status for up to 50 ids. */
  listVideos(ids: readonly string[], hooks?: RequestHooks): Promise<VideoList>;
  /** videoCategories.list part=snippet for some ids. */
  listVideoCategories(ids: readonly string[], hooks?: RequestHooks): Promise<VideoCategoryList>;
}
