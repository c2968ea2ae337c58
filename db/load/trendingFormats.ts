import { deriveChannelId } from './deriveChannelId.ts';
import {
  FieldError,
  parseBool,
  parseCategoryId,
  parseCount,
  parseInstant,
  parseIsoDay,
  parseTags,
  parseVideoId,
  parseYyDdMm,
  unescapeNewlines,
} from './parseFields.ts';
import { type CsvFormat, detectCsvFormat } from './readCsvRecords.ts';
import type { TrendingRow } from './TrendingRow.ts';

export type TrendingFormatName = 'youtube-new-2017' | 'rsrishav-2020';

/** A Kaggle trending CSV layout: its exact header and how one record becomes a TrendingRow. */
export interface TrendingFormat extends CsvFormat<TrendingRow> {
  readonly name: TrendingFormatName;
}

/** Kaggle datasnaek/youtube-new (2017–2018): no channel id, YY.DD.MM days, literal "\n". */
export const youtubeNew2017: TrendingFormat = {
  name: 'youtube-new-2017',
  description: 'Kaggle youtube-new (2017)',
  columns: [
    'video_id',
    'trending_date',
    'title',
    'channel_title',
    'category_id',
    'publish_time',
    'tags',
    'views',
    'likes',
    'dislikes',
    'comment_count',
    'thumbnail_link',
    'comments_disabled',
    'ratings_disabled',
    'video_error_or_removed',
    'description',
  ],
  toRow(f, line) {
    const channelTitle = f[3]!;
    return {
      line,
      videoId: parseVideoId(f[0]!),
      day: parseYyDdMm(f[1]!),
      title: f[2]!,
      channelTitle,
      channelId: deriveChannelId(channelTitle),
      channelIdDerived: true,
      categoryId: parseCategoryId(f[4]!),
      publishedAt: parseInstant('publish_time', f[5]!),
      tags: parseTags(f[6]!),
      views: parseCount('views', f[7]!)!,
      likes: parseCount('likes', f[8]!, true),
      dislikes: parseCount('dislikes', f[9]!, true),
      comments: parseCount('comment_count', f[10]!, true),
      commentsDisabled: parseBool('comments_disabled', f[12]!),
      ratingsDisabled: parseBool('ratings_disabled', f[13]!),
      removed: parseBool('video_error_or_removed', f[14]!),
      description: unescapeNewlines(f[15]!),
    };
  },
};

/** Kaggle rsrishav "YouTube Trending Video Dataset (updated daily)" (2020 on): fully quoted. */
export const rsrishav2020: TrendingFormat = {
  name: 'rsrishav-2020',
  description: 'Kaggle rsrishav daily (2020+)',
  columns: [
    'video_id',
    'title',
    'publishedAt',
    'channelId',
    'channelTitle',
    'categoryId',
    'trending_date',
    'tags',
    'view_count',
    'likes',
    'dislikes',
    'comment_count',
    'thumbnail_link',
    'comments_disabled',
    'ratings_disabled',
    'description',
  ],
  toRow(f, line) {
    return {
      line,
      videoId: parseVideoId(f[0]!),
      title: f[1]!,
      publishedAt: parseInstant('publishedAt', f[2]!),
      channelId: f[3]!.trim() || failChannel(),
      channelTitle: f[4]!,
      channelIdDerived: false,
      categoryId: parseCategoryId(f[5]!),
      day: parseIsoDay(f[6]!),
      tags: parseTags(f[7]!),
      views: parseCount('view_count', f[8]!)!,
      likes: parseCount('likes', f[9]!, true),
      dislikes: parseCount('dislikes', f[10]!, true),
      comments: parseCount('comment_count', f[11]!, true),
      commentsDisabled: parseBool('comments_disabled', f[13]!),
      ratingsDisabled: parseBool('ratings_disabled', f[14]!),
      removed: false,
      description: f[15]!,
    };
  },
};

function failChannel(): never {
  throw new FieldError('channelId is empty');
}

export const trendingFormats: readonly TrendingFormat[] = [youtubeNew2017, rsrishav2020];

/** The trending format whose header is exactly `header` (names trimmed), or undefined. */
export function detectFormat(header: readonly string[]): TrendingFormat | undefined {
  return detectCsvFormat(header, trendingFormats);
}
