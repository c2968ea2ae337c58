/**
 * Resources built from the discovery document's schemas (youtube v3, revision 20260601:
 * Channel, PlaylistItem, Video, VideoCategory and their parts) for what the recorded fixtures
 * lack: videos with snippet, contentDetails, statistics and status together, and channels of any
 * size. Counts are strings (format uint64) as on the wire; hidden counts are left out.
 */
import { createHash } from 'node:crypto';

const etag = (...parts: unknown[]) =>
  createHash('sha1').update(JSON.stringify(parts)).digest('base64url').slice(0, 27);

const thumbnails = (videoId: string) => ({
  default: { url: `https://i.ytimg.com/vi/${videoId}/default.jpg`, width: 120, height: 90 },
  medium: { url: `https://i.ytimg.com/vi/${videoId}/mqdefault.jpg`, width: 320, height: 180 },
  high: { url: `https://i.ytimg.com/vi/${videoId}/hqdefault.jpg`, width: 480, height: 360 },
});

/** ISO 8601 duration as contentDetails.duration sends it (PT#H#M#S, P#DT#H#M#S, P0D). */
export function isoDuration(seconds: number): string {
  if (seconds === 0) return 'P0D';
  const d = Math.floor(seconds / 86_400);
  const h = Math.floor((seconds % 86_400) / 3_600);
  const m = Math.floor((seconds % 3_600) / 60);
  const s = seconds % 60;
  const time = `${h ? `${h}H` : ''}${m ? `${m}M` : ''}${s ? `${s}S` : ''}`;
  return `P${d ? `${d}D` : ''}${time ? `T${time}` : ''}`;
}

export interface ChannelSpec {
  id: string;
  title: string;
  handle?: string;
  publishedAt?: string;
  views: number;
  subscribers: number;
  hiddenSubscriberCount?: boolean;
  videoCount: number;
}

export function channelResource(c: ChannelSpec): Record<string, unknown> {
  return {
    kind: 'youtube#channel',
    etag: etag(c),
    id: c.id,
    snippet: {
      title: c.title,
      description: `${c.title} (synthetic)`,
      ...(c.handle ? { customUrl: c.handle } : {}),
      publishedAt: c.publishedAt ?? '2015-01-01T00:00:00Z',
      localized: { title: c.title, description: `${c.title} (synthetic)` },
    },
    contentDetails: { relatedPlaylists: { likes: '', uploads: `UU${c.id.slice(2)}` } },
    statistics: {
      viewCount: String(c.views),
      subscriberCount: String(c.subscribers),
      hiddenSubscriberCount: c.hiddenSubscriberCount ?? false,
      videoCount: String(c.videoCount),
    },
  };
}

export interface VideoSpec {
  id: string;
  channelId: string;
  channelTitle?: string;
  title: string;
  description?: string;
  publishedAt: string;
  durationSeconds: number;
  categoryId?: string;
  tags?: string[];
  views: number;
  /** Omit (undefined) to model likes hidden by the owner. */
  likes?: number;
  /** Omit (undefined) to model comments turned off. */
  comments?: number;
  liveBroadcastContent?: 'none' | 'live' | 'upcoming';
  privacyStatus?: 'public' | 'unlisted';
  uploadStatus?: string;
}

export function videoResource(v: VideoSpec): Record<string, unknown> {
  const statistics: Record<string, string> = { viewCount: String(v.views), favoriteCount: '0' };
  if (v.likes !== undefined) statistics.likeCount = String(v.likes);
  if (v.comments !== undefined) statistics.commentCount = String(v.comments);
  return {
    kind: 'youtube#video',
    etag: etag(v),
    id: v.id,
    snippet: {
      publishedAt: v.publishedAt,
      channelId: v.channelId,
      title: v.title,
      description: v.description ?? '',
      thumbnails: thumbnails(v.id),
      channelTitle: v.channelTitle ?? '',
      ...(v.tags ? { tags: v.tags } : {}),
      categoryId: v.categoryId ?? '28',
      liveBroadcastContent: v.liveBroadcastContent ?? 'none',
      localized: { title: v.title, description: v.description ?? '' },
    },
    contentDetails: {
      duration: isoDuration(v.durationSeconds),
      dimension: '2d',
      definition: 'hd',
      caption: 'false',
      licensedContent: false,
      contentRating: {},
      projection: 'rectangular',
    },
    status: {
      uploadStatus: v.uploadStatus ?? 'processed',
      privacyStatus: v.privacyStatus ?? 'public',
      license: 'youtube',
      embeddable: true,
      publicStatsViewable: true,
      madeForKids: false,
    },
    statistics,
  };
}

export function playlistItemResource(p: {
  playlistId: string;
  channelId: string;
  channelTitle?: string;
  videoId: string;
  title: string;
  publishedAt: string;
  position: number;
}): Record<string, unknown> {
  return {
    kind: 'youtube#playlistItem',
    etag: etag(p),
    id: Buffer.from(`${p.playlistId}.${p.videoId}`).toString('base64url'),
    snippet: {
      publishedAt: p.publishedAt,
      channelId: p.channelId,
      title: p.title,
      description: '',
      thumbnails: thumbnails(p.videoId),
      channelTitle: p.channelTitle ?? '',
      playlistId: p.playlistId,
      position: p.position,
      resourceId: { kind: 'youtube#video', videoId: p.videoId },
      videoOwnerChannelTitle: p.channelTitle ?? '',
      videoOwnerChannelId: p.channelId,
    },
    contentDetails: { videoId: p.videoId, videoPublishedAt: p.publishedAt },
    status: { privacyStatus: 'public' },
  };
}

/** A list response envelope (ChannelListResponse, VideoListResponse, ...). */
export function listResponse(
  kind: string,
  items: unknown[],
  page: {
    nextPageToken?: string | undefined;
    prevPageToken?: string | undefined;
    totalResults?: number;
  } = {},
): Record<string, unknown> {
  return {
    kind,
    etag: etag(kind, items.length, page),
    ...(page.nextPageToken ? { nextPageToken: page.nextPageToken } : {}),
    ...(page.prevPageToken ? { prevPageToken: page.prevPageToken } : {}),
    pageInfo: { totalResults: page.totalResults ?? items.length, resultsPerPage: items.length },
    items,
  };
}
