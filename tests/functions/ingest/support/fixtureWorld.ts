import { readFileSync } from 'node:fs';
import { playlistItemResource, videoResource } from '../../../../local/youtubeApi/buildResources.ts';
import { emptyFakeYouTubeData, type FakeYouTubeData } from '../../../../local/youtubeApi/FakeYouTubeData.ts';

const dir = new URL('../../../fixtures/youtube-api/', import.meta.url);

/** A fixture file as parsed JSON. */
export function fixture<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFileSync(new URL(`${name}.json`, dir), 'utf8')) as T;
}

type Json = Record<string, unknown>;
type Item = {
  snippet: { title: string; publishedAt: string; channelId: string; resourceId: { videoId: string } };
};

export const GOOGLE = 'UCK8sQmJBp8GCxrOtXWBpyEA';
export const GOOGLE_DEVELOPERS = 'UC_x5XG1OV2P6uZZ5FSM9Ttw';
/** Uploads of Google in the fixture world: 60 videos, so two pages of 50 and two videos.list calls. */
export const GOOGLE_UPLOADS = 60;

/**
 * The two channels of the real channels.list fixture. Google Developers' uploads playlist is
 * served from the two real recorded playlistItems pages (10 + 3 items, the API's own page token);
 * Google's is 60 synthetic uploads paged by the server. Details of all these videos are built
 * from the discovery schema, with the cases the ingest must handle: hidden likes, comments off,
 * a Short, a live stream's P0D, a day-long stream, and one video deleted before it was fetched.
 * Categories come from the real videoCategories.list fixture.
 */
export function fixtureWorld(): FakeYouTubeData & { deletedVideoId: string } {
  const data = emptyFakeYouTubeData();
  for (const c of fixture<{ items: Json[] }>(
    'channels.list__snippet_contentDetails_statistics_brandingSettings__2items',
  ).items) {
    data.channels.set(String(c.id), c);
  }
  for (const c of fixture<{ items: Json[] }>('videoCategories.list__regionCode').items)
    data.categories.set(String(c.id), c);

  const page1 = fixture('playlistItems.list__snippet__page1_nextPageToken');
  const page2 = fixture('playlistItems.list__snippet__page2_last');
  data.recordedPlaylistPages.set(`UU${GOOGLE_DEVELOPERS.slice(2)}`, [page1, page2]);
  const items = [...(page1.items as Item[]), ...(page2.items as Item[])];
  const deletedVideoId = items[4]!.snippet.resourceId.videoId;
  items.forEach((item, i) => {
    const id = item.snippet.resourceId.videoId;
    if (id === deletedVideoId) return;
    data.videos.set(
      id,
      videoResource({
        id,
        channelId: GOOGLE_DEVELOPERS,
        channelTitle: 'Google Developers',
        title: item.snippet.title,
        publishedAt: item.snippet.publishedAt,
        durationSeconds: [1800, 45, 0, 93_784, 600][i % 5]!,
        liveBroadcastContent: i % 5 === 2 ? 'upcoming' : 'none',
        categoryId: '28',
        tags: ['Google', 'ML Summit'],
        views: 1000 + i * 100,
        ...(i === 1 ? {} : { likes: 10 + i }),
        ...(i === 3 ? {} : { comments: i }),
      }),
    );
  });

  const uploads = `UU${GOOGLE.slice(2)}`;
  const list: Json[] = [];
  for (let v = 0; v < GOOGLE_UPLOADS; v += 1) {
    const id = `goog${String(v).padStart(7, '0')}`;
    const publishedAt = new Date(Date.UTC(2022, 5, 30) - v * 86_400_000).toISOString();
    data.videos.set(
      id,
      videoResource({
        id,
        channelId: GOOGLE,
        channelTitle: 'Google',
        title: `Google video ${v}`,
        publishedAt,
        durationSeconds: 600 + v * 7,
        categoryId: '28',
        views: 5000 + v,
        likes: 50,
        comments: 5,
      }),
    );
    list.push(
      playlistItemResource({
        playlistId: uploads,
        channelId: GOOGLE,
        channelTitle: 'Google',
        videoId: id,
        title: `Google video ${v}`,
        publishedAt,
        position: v,
      }),
    );
  }
  data.playlists.set(uploads, list);
  return Object.assign(data, { deletedVideoId });
}
