import type { VideoRow } from '../../../db/ingest/upsertVideos.ts';

/** A video as the ingest writes it, with `views` and fixed other fields. */
export function videoRow(videoId: string, channelId: string, views: number): VideoRow {
  return {
    videoId,
    channelId,
    title: videoId,
    description: null,
    publishedAt: new Date('2026-01-01T00:00:00Z'),
    durationSeconds: 60,
    categoryId: null,
    tags: [],
    views,
    likes: 1,
    dislikes: null,
    comments: 0,
    commentsDisabled: false,
    ratingsDisabled: false,
  };
}
