import type { SqlExecutor } from '../sql/SqlClient.ts';
import {
  type ChannelGrowth,
  type ChannelIndexEntry,
  GROWTH_DAYS,
  type VideoPerformance,
} from './contract/index.ts';
import { queryChannelGrowth } from './queryChannelGrowth.ts';
import { queryInSlices } from './queryInSlices.ts';
import { queryVideoPerformance } from './queryVideoPerformance.ts';
import { summariseGrowth } from './summariseGrowth.ts';
import { summarisePerformance } from './summarisePerformance.ts';

/** The growth parts of a channel report. */
export interface GrowthSections {
  readonly growth: ChannelGrowth;
  readonly performance: VideoPerformance;
}

// A Data API response is refused past 1 MiB; slices aim at about half of it. A day of channel
// snapshots is at most about 45 bytes of JSON; a channel's 30 uploads with 29 days of snapshots
// each about 9 KB, 18 KB with long multi-byte titles.
const RESPONSE_BUDGET = 512 * 1024;
const GROWTH_DAY_BYTES = 45;
/** Channels per performance query (about 370-720 KB of answer; fewer calls cost less). */
export const PERFORMANCE_CHANNELS_PER_CALL = 40;
const MAX_CHANNELS = 250;

/**
 * The growth and performance sections of each channel in `entries`, read in slices sized for the
 * Data API: `spanDays` (queryChannelSnapshotSpanDays) bounds how many days any channel has.
 */
export async function queryGrowthSections(
  db: SqlExecutor,
  entries: readonly ChannelIndexEntry[],
  spanDays: number,
): Promise<Map<string, GrowthSections>> {
  const ids = entries.map((e) => e.channelId);
  const perCall = Math.floor(
    RESPONSE_BUDGET / (Math.max(1, Math.min(spanDays, GROWTH_DAYS)) * GROWTH_DAY_BYTES),
  );
  const days = await queryInSlices(ids, Math.min(MAX_CHANNELS, perCall), (slice) =>
    queryChannelGrowth(db, slice),
  );
  const uploads = await queryInSlices(ids, PERFORMANCE_CHANNELS_PER_CALL, (slice) =>
    queryVideoPerformance(db, slice),
  );
  return new Map(
    entries.map((e) => [
      e.channelId,
      {
        growth: summariseGrowth(days.get(e.channelId) ?? []),
        performance: summarisePerformance(uploads.get(e.channelId) ?? [], e.medianViews),
      },
    ]),
  );
}
