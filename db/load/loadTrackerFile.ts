import type { SqlClient } from '../sql/SqlClient.ts';
import type { BulkSession } from './bulkSession.ts';
import { type BadRecord, type ChunkedLoadOptions, loadInChunks } from './loadInChunks.ts';
import type { MergeSummary } from './mergeStaging.ts';
import {
  finishTrackerMerge,
  mergeChannelDailyChunk,
  mergeChannelReferenceChunk,
  mergeVideoSnapshotChunk,
} from './mergeTracker.ts';
import type { CsvRecord } from './readCsvRecords.ts';
import { skipForeignKeyChecks } from './skipForeignKeyChecks.ts';
import type { TrackerFormat, TrackerFormatName, TrackerRow } from './trackerFormats.ts';
import { lockChannelSnapshots } from './trackerSnapshotWrites.ts';
import {
  CREATE_CHANNEL_LATEST,
  CREATE_VIDEO_KEYS,
  channelDailyStaging,
  channelReferenceStaging,
  type TrackerStaging,
  videoSnapshotStaging,
} from './trackerStaging.ts';

/** What a tracker file loaded (`rows`: good records; `days`: distinct UTC days of its snapshots). */
export interface LoadTrackerFileResult extends MergeSummary {
  readonly file: string;
  readonly format: TrackerFormatName;
  readonly skipped: BadRecord[];
}

interface Plan<Row> {
  readonly staging: TrackerStaging<Row>;
  /** Statements run once before the first chunk (locks the merge relies on). */
  readonly prepare?: (session: BulkSession) => Promise<void>;
  /** `mayRepeat`: a (channel, day) may appear twice in the chunk (daily snapshots only). */
  readonly merge: (session: BulkSession, mayRepeat: boolean) => Promise<void>;
  readonly latestCounts: boolean;
  readonly analyze: string;
}

const plans: Record<TrackerFormatName, Plan<never>> = {
  'tracker-channel-daily': {
    staging: channelDailyStaging,
    prepare: lockChannelSnapshots,
    merge: mergeChannelDailyChunk,
    latestCounts: true,
    analyze: 'channels, channel_daily_stats',
  },
  'tracker-video-snapshots': {
    staging: videoSnapshotStaging,
    merge: mergeVideoSnapshotChunk,
    latestCounts: false,
    analyze: 'channels, videos, video_daily_stats',
  },
  'tracker-channels': {
    staging: channelReferenceStaging,
    merge: mergeChannelReferenceChunk,
    latestCounts: false,
    analyze: 'channels',
  },
};

/**
 * Loads one tracker CSV whose header has been read (see loadFile), in one transaction, chunk by
 * chunk like the trending files: COPY into a staging table, merge while the next chunk is read,
 * then settle titles and latest counts. Strict unless `skipBadRows`; loading it again changes
 * nothing.
 */
/**
 * Channels remembered while watching for a repeated (channel, day); past this many the load
 * assumes repeats (a sort per chunk) rather than hold more: 500,000 entries are about 60 MB.
 */
const MAX_CHANNELS_WATCHED = 500_000;

/**
 * Whether some channel's day failed to increase in file order: then a (channel, day) may repeat
 * and each chunk's last line per pair must be picked out by a sort. A tracker appends one line
 * per channel a day, so its files never need that sort.
 */
class RepeatWatch {
  mayRepeat = false;
  private lastDay = new Map<string, string>();
  see(channelId: string, day: string) {
    if (this.mayRepeat) return;
    const previous = this.lastDay.get(channelId);
    // 'YYYY-MM-DD' strings compare as the days do.
    if (previous !== undefined && day <= previous) this.mayRepeat = true;
    else this.lastDay.set(channelId, day);
    if (this.lastDay.size > MAX_CHANNELS_WATCHED) this.mayRepeat = true;
    if (this.mayRepeat) this.lastDay = new Map();
  }
}

export async function loadTrackerRecords(
  client: SqlClient,
  format: TrackerFormat<TrackerRow>,
  records: AsyncIterable<CsvRecord<TrackerRow>>,
  options: ChunkedLoadOptions,
): Promise<LoadTrackerFileResult> {
  const plan = plans[format.name] as Plan<TrackerRow>;
  const days = new Set<string>();
  const repeats = new RepeatWatch();
  let rows = 0;
  const { summary, skipped } = await loadInChunks(
    client,
    records,
    {
      async prepare(session) {
        await session.query(plan.staging.create);
        await session.query(CREATE_CHANNEL_LATEST);
        await session.query(CREATE_VIDEO_KEYS);
        await plan.prepare?.(session);
        await skipForeignKeyChecks(session);
      },
      toValues(row) {
        rows += 1;
        if ('day' in row) {
          days.add(row.day);
          repeats.see(row.channelId, row.day);
        }
        return plan.staging.values(row);
      },
      async mergeChunk(session, blocks) {
        // Read before the first await: the next chunk's rows are read while this one merges, and
        // a repeat found in them must not change how this one is merged (nor could it matter).
        const mayRepeat = repeats.mayRepeat;
        await session.query(`TRUNCATE ${plan.staging.table}`);
        await session.copyText(plan.staging.table, plan.staging.columns, blocks);
        await plan.merge(session, mayRepeat);
      },
      finish: (session) => finishTrackerMerge(session, { latestCounts: plan.latestCounts }),
      analyze: plan.analyze,
    },
    options,
  );
  // 'YYYY-MM-DD' strings sort as the days do.
  const sorted = [...days].sort();
  return {
    file: options.file,
    format: format.name,
    rows,
    channels: summary.channels,
    videos: summary.videos,
    days: sorted.length,
    firstDay: sorted[0] ?? null,
    lastDay: sorted.at(-1) ?? null,
    warnings: [],
    skipped,
  };
}
