/**
 * What the fake YouTube Data API serves: resources as the real API sends them (raw JSON
 * objects: real fixtures or ones built by buildResources.ts). Mutable: tests change counts or
 * add uploads between runs.
 */
export interface FakeYouTubeData {
  /** youtube#channel resources by id. */
  readonly channels: Map<string, Record<string, unknown>>;
  /** youtube#playlistItem resources of each playlist, newest first, paged by the server. */
  readonly playlists: Map<string, Record<string, unknown>[]>;
  /**
   * Recorded pages served verbatim instead (real responses with their own page tokens): the
   * first page without a pageToken, then the page after the one whose nextPageToken was sent.
   */
  readonly recordedPlaylistPages: Map<string, Record<string, unknown>[]>;
  /** youtube#video resources by id (a deleted or private video is simply absent). */
  readonly videos: Map<string, Record<string, unknown>>;
  /** youtube#videoCategory resources by id. */
  readonly categories: Map<string, Record<string, unknown>>;
}

export function emptyFakeYouTubeData(): FakeYouTubeData {
  return {
    channels: new Map(),
    playlists: new Map(),
    recordedPlaylistPages: new Map(),
    videos: new Map(),
    categories: new Map(),
  };
}
