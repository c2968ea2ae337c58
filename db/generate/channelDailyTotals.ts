import { dayMs, dayText, type GenerateShape } from './syntheticData.ts';

const DAY_MS = 86_400_000;
/** Above this many channel-days the totals are left to SQL (12 bytes a cell: 48 MB). */
export const MAX_CHANNEL_DAYS_IN_MEMORY = 4_000_000;

/**
 * Per channel and day: the sum of its videos' views and how many of its videos exist, gathered
 * while the snapshots are generated, so channel_daily_stats needs no pass over the database.
 */
export class ChannelDailyTotals {
  private readonly views: Float64Array;
  private readonly videos: Int32Array;
  private readonly firstDay: number;
  private readonly shape: GenerateShape;

  constructor(shape: GenerateShape) {
    this.shape = shape;
    this.views = new Float64Array(shape.channels * shape.days);
    this.videos = new Int32Array(shape.channels * shape.days);
    this.firstDay = dayMs(shape.lastDay) - (shape.days - 1) * DAY_MS;
  }

  static fits(shape: GenerateShape): boolean {
    return shape.channels * shape.days <= MAX_CHANNEL_DAYS_IN_MEMORY;
  }

  add(channel: number, dayIndex: number, views: number): void {
    const cell = channel * this.shape.days + dayIndex;
    this.views[cell]! += views;
    this.videos[cell]! += 1;
  }

  /** channel_daily_stats rows (channel index, day, subscribers, views, videos) for channel-days with videos. */
  *rows(subscribersOf: (channel: number) => number): Generator<[number, string, number, number, number]> {
    for (let c = 0; c < this.shape.channels; c += 1) {
      const subscribers = subscribersOf(c);
      for (let d = 0; d < this.shape.days; d += 1) {
        const cell = c * this.shape.days + d;
        if (this.videos[cell] === 0) continue;
        // Subscribers grow 0.1 % a day towards the channel's current count.
        const grown = Math.floor(subscribers * 0.999 ** (this.shape.days - 1 - d));
        yield [c, dayText(this.firstDay + d * DAY_MS), grown, this.views[cell]!, this.videos[cell]!];
      }
    }
  }
}
