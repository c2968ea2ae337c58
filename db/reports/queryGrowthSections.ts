import { param } from '../sql/param.ts';
import type { SqlExecutor } from '../sql/SqlClient.ts';
import {
  type ChannelGrowth,
  type ChannelIndexEntry,
  CURVE_DAYS,
  GROWTH_DAYS,
  PREVIOUS_UPLOADS,
  RECENT_UPLOADS,
  type VideoPerformance,
} from './contract/index.ts';
import { decodeGrowthDays, growthDaysCte, type RawGrowthDays } from './queryChannelGrowth.ts';
import { queryInSlices } from './queryInSlices.ts';
import { decodeUploads, type RawUpload, uploadsCte } from './queryVideoPerformance.ts';
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
/** Channels per performance query (about 370-720 KB of answer). */
export const PERFORMANCE_CHANNELS_PER_CALL = 40;
const PERFORMANCE_CHANNEL_BYTES = RESPONSE_BUDGET / PERFORMANCE_CHANNELS_PER_CALL;
const MAX_CHANNELS = 250;

// Both sections of a slice of channels in one statement: a refresh batch is about ten channels at
// 100 videos each, so a statement per section doubled the calls, and a call costs more than
// these small answers. Two rows per channel (its days, its uploads): each stays under the Data
// API's 64 KB row limit where both together might not.
const SQL = /* sql */ `
WITH page AS (
  SELECT e AS channel_id FROM jsonb_array_elements_text($1) AS t(e)
), ${growthDaysCte('$4')}, ${uploadsCte('$2', '$3')}
SELECT channel_id, 'days' AS part, days AS value FROM growth_days
UNION ALL
SELECT channel_id, 'uploads', uploads FROM uploads`;

type Raw =
  | { channel_id: string; part: 'days'; value: RawGrowthDays }
  | { channel_id: string; part: 'uploads'; value: RawUpload[] };

async function querySlice(db: SqlExecutor, slice: readonly string[], lifetimeMedians: Map<string, number>) {
  const { rows } = await db.query<Raw>(SQL, [
    param.json(slice),
    RECENT_UPLOADS + PREVIOUS_UPLOADS,
    CURVE_DAYS,
    GROWTH_DAYS,
  ]);
  const days = new Map<string, RawGrowthDays>();
  const uploads = new Map<string, RawUpload[]>();
  for (const r of rows) {
    if (r.part === 'days') days.set(r.channel_id, r.value);
    else uploads.set(r.channel_id, r.value);
  }
  return new Map<string, GrowthSections>(
    slice.map((id) => {
      const d = days.get(id);
      return [
        id,
        {
          growth: summariseGrowth(d ? decodeGrowthDays(d) : []),
          performance: summarisePerformance(decodeUploads(uploads.get(id) ?? []), lifetimeMedians.get(id)!),
        },
      ];
    }),
  );
}

/**
 * The growth and performance sections of each channel in `entries`, read in slices sized for the
 * Data API: `spanDays` (queryChannelSnapshotSpanDays) bounds how many days any channel has.
 */
export async function queryGrowthSections(
  db: SqlExecutor,
  entries: readonly ChannelIndexEntry[],
  spanDays: number,
): Promise<Map<string, GrowthSections>> {
  const channelBytes =
    Math.max(1, Math.min(spanDays, GROWTH_DAYS)) * GROWTH_DAY_BYTES + PERFORMANCE_CHANNEL_BYTES;
  const perCall = Math.min(MAX_CHANNELS, Math.floor(RESPONSE_BUDGET / channelBytes));
  const medians = new Map(entries.map((e) => [e.channelId, e.medianViews]));
  const sections = await queryInSlices(
    entries.map((e) => e.channelId),
    perCall,
    (slice) => querySlice(db, slice, medians),
  );
  return new Map(entries.map((e) => [e.channelId, sections.get(e.channelId)!]));
}
