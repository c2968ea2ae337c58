import type { ChannelIndexEntry } from '../../db/reports/contract/index.ts';
import { CHANNEL_VIDEOS_LIMIT } from '../../db/reports/contract/index.ts';

export interface BatchLimits {
  /**
   * Most points any channel's views-over-time series can have (days from the first to the last
   * snapshot in the database): the estimate for a channel whose own count is not in `seriesDays`.
   */
  readonly snapshotDays: number;
  /**
   * Points in each channel's series (its rollup rows, read with the channel index). Channels
   * tracked for a month in a database that holds years of snapshots would otherwise each be
   * sized for years: 3 channels a batch instead of 250.
   */
  readonly seriesDays?: ReadonlyMap<string, number>;
  /** Estimated result bytes per statement. */
  readonly maxBytes?: number;
  /** Channels per statement. */
  readonly maxChannels?: number;
}

// Bytes per item as the Data API sends them (JSON text inside a JSON string, quotes escaped),
// measured on the demo data: a listed video ~300, a series point ~45, a month ~45, a channel ~200.
const VIDEO_BYTES = 300;
const POINT_BYTES = 45;
const MONTH_BYTES = 45;
const CHANNEL_BYTES = 200;

const defaults = {
  // Half the Data API's 1 MiB response limit: the estimate is an upper bound per part, but
  // breakouts repeat some videos, so leave room.
  maxBytes: 512 * 1024,
  // Bounds one statement's work (and its time under the Data API's 45 s limit) on tiny channels.
  maxChannels: 250,
};

function months(from: string | null, to: string | null): number {
  if (!from || !to) return 0;
  const a = new Date(from);
  const b = new Date(to);
  return (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + b.getUTCMonth() - a.getUTCMonth() + 1;
}

/** Estimated response bytes of one channel's details, whose series has at most `seriesDays` points. */
export function estimateChannelBytes(c: ChannelIndexEntry, seriesDays: number): number {
  const listed = Math.min(c.videos, CHANNEL_VIDEOS_LIMIT);
  const points = c.videos === 0 ? 0 : seriesDays;
  return (
    CHANNEL_BYTES +
    listed * VIDEO_BYTES * 1.5 +
    points * POINT_BYTES +
    months(c.firstUpload, c.lastUpload) * MONTH_BYTES
  );
}

/**
 * Splits channels into consecutive batches whose estimated details fit one Data API response
 * (1 MiB at most), so the per-channel reports are read in as few statements as that allows.
 * A channel too large for the budget on its own still gets a batch of one (its rows are chunked).
 */
export function planChannelBatches(
  channels: readonly ChannelIndexEntry[],
  limits: BatchLimits,
): ChannelIndexEntry[][] {
  const { maxBytes, maxChannels } = { ...defaults, ...limits };
  const batches: ChannelIndexEntry[][] = [];
  let current: ChannelIndexEntry[] = [];
  let bytes = 0;
  for (const c of channels) {
    const days = Math.min(limits.seriesDays?.get(c.channelId) ?? limits.snapshotDays, limits.snapshotDays);
    const size = estimateChannelBytes(c, days);
    if (current.length > 0 && (bytes + size > maxBytes || current.length >= maxChannels)) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(c);
    bytes += size;
  }
  if (current.length) batches.push(current);
  return batches;
}
