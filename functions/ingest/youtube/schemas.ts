/**
 * zod schemas for the parts of the YouTube Data API v3 responses that the ingest reads (field
 * names and types from the discovery document, revision 20260601). Unknown fields are ignored;
 * a field that is present with the wrong type fails the whole response with a clear error,
 * so a changed API never turns into a wrong number in the database.
 */
import { z } from 'zod';
import { YouTubeResponseError } from '../errors.ts';
import { parseDuration } from './parseDuration.ts';

/**
 * A uint64 count, sent as a decimal string ("7920"). Parsed to a JS number, which is exact up
 * to 2^53 - 1 (9e15, a million times YouTube's most-viewed video); anything larger is refused
 * rather than rounded.
 */
export const count = z
  .string()
  .regex(/^\d+$/, 'expected a count as a string of digits')
  .transform((text, ctx) => {
    const value = Number(text);
    if (!Number.isSafeInteger(value)) {
      ctx.issues.push({ code: 'custom', message: `count ${text} is beyond 2^53 - 1`, input: text });
      return z.NEVER;
    }
    return value;
  });

const timestamp = z.string().transform((text, ctx) => {
  const date = new Date(text);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(text) || Number.isNaN(date.getTime())) {
    ctx.issues.push({ code: 'custom', message: `not an RFC 3339 timestamp: ${text}`, input: text });
    return z.NEVER;
  }
  return date;
});

const duration = z.string().transform((text, ctx) => {
  const seconds = parseDuration(text);
  if (seconds === null) {
    ctx.issues.push({ code: 'custom', message: `not an ISO 8601 duration: ${text}`, input: text });
    return z.NEVER;
  }
  return seconds;
});

const pageFields = {
  nextPageToken: z.string().optional(),
  pageInfo: z.object({ totalResults: z.number().int().optional() }).optional(),
};

export const channelSchema = z.object({
  id: z.string().min(1),
  snippet: z
    .object({
      title: z.string(),
      description: z.string().optional(),
      customUrl: z.string().optional(),
      publishedAt: timestamp.optional(),
    })
    .optional(),
  contentDetails: z
    .object({ relatedPlaylists: z.object({ uploads: z.string().optional() }).optional() })
    .optional(),
  statistics: z
    .object({
      viewCount: count.optional(),
      // Absent (or rounded) when the owner hides it; hiddenSubscriberCount says which.
      subscriberCount: count.optional(),
      hiddenSubscriberCount: z.boolean().optional(),
      videoCount: count.optional(),
    })
    .optional(),
});
export type ApiChannel = z.infer<typeof channelSchema>;

export const channelListSchema = z.object({
  kind: z.literal('youtube#channelListResponse'),
  // The API leaves `items` out entirely when nothing matched (an unknown id or handle).
  items: z.array(channelSchema).default([]),
  ...pageFields,
});

export const playlistItemSchema = z.object({
  snippet: z.object({
    publishedAt: timestamp.optional(),
    channelId: z.string().optional(),
    title: z.string().optional(),
    resourceId: z.object({ kind: z.string().optional(), videoId: z.string().min(1) }),
  }),
  // Present only with part=contentDetails; videoPublishedAt is absent for private videos.
  contentDetails: z
    .object({ videoId: z.string().optional(), videoPublishedAt: timestamp.optional() })
    .optional(),
});
export type ApiPlaylistItem = z.infer<typeof playlistItemSchema>;

export const playlistItemListSchema = z.object({
  kind: z.literal('youtube#playlistItemListResponse'),
  items: z.array(playlistItemSchema).default([]),
  ...pageFields,
});

export const videoSchema = z.object({
  id: z.string().min(1),
  snippet: z.object({
    publishedAt: timestamp,
    channelId: z.string().min(1),
    title: z.string(),
    description: z.string().optional(),
    tags: z.array(z.string()).optional(),
    categoryId: z.string().regex(/^\d+$/).optional(),
    // 'live' and 'upcoming' broadcasts report P0D as their duration.
    liveBroadcastContent: z.string().optional(),
  }),
  contentDetails: z.object({ duration: duration.optional() }).optional(),
  status: z.object({ uploadStatus: z.string().optional(), privacyStatus: z.string().optional() }).optional(),
  // Each count is absent when hidden: likes by the owner, comments when they are turned off,
  // dislikes always since December 2021.
  statistics: z
    .object({
      viewCount: count.optional(),
      likeCount: count.optional(),
      dislikeCount: count.optional(),
      commentCount: count.optional(),
    })
    .optional(),
});
export type ApiVideo = z.infer<typeof videoSchema>;

export const videoListSchema = z.object({
  kind: z.literal('youtube#videoListResponse'),
  items: z.array(videoSchema).default([]),
  ...pageFields,
});

export const videoCategoryListSchema = z.object({
  kind: z.literal('youtube#videoCategoryListResponse'),
  items: z
    .array(
      z.object({
        id: z.string().regex(/^\d+$/),
        snippet: z.object({ title: z.string(), assignable: z.boolean().optional() }),
      }),
    )
    .default([]),
});

/** The API's error body, in both its classic (`errors[].reason`) and newer (`status`) forms. */
export const errorBodySchema = z.object({
  error: z.object({
    code: z.number().int().optional(),
    message: z.string().optional(),
    status: z.string().optional(),
    errors: z.array(z.object({ reason: z.string().optional(), message: z.string().optional() })).optional(),
  }),
});

/** Parses a response body, or throws a YouTubeResponseError naming the first bad fields. */
export function parseResponse<S extends z.ZodType>(schema: S, body: unknown, what: string): z.output<S> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issues = result.error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
    .join('; ');
  throw new YouTubeResponseError(`unexpected ${what} response: ${issues}`, { cause: result.error });
}
