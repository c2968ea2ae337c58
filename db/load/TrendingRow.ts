/** One trending record, normalised from either Kaggle format: one video on one trending day. */
export interface TrendingRow {
  /** 1-based line where the record starts in its file. */
  readonly line: number;
  readonly videoId: string;
  /** The trending day, 'YYYY-MM-DD'. */
  readonly day: string;
  readonly channelId: string;
  readonly channelTitle: string;
  /** True when channelId was derived from the title (the 2017 format has no channel id). */
  readonly channelIdDerived: boolean;
  readonly title: string;
  readonly description: string;
  /** ISO 8601 instant. */
  readonly publishedAt: string;
  readonly categoryId: number;
  readonly tags: readonly string[];
  readonly views: bigint;
  readonly likes: bigint | null;
  readonly dislikes: bigint | null;
  readonly comments: bigint | null;
  readonly commentsDisabled: boolean;
  readonly ratingsDisabled: boolean;
  readonly removed: boolean;
}
