import { MAX_RESULTS } from './youtube/YouTubeApi.ts';

/** What the plan knows before any call is made (all from the database). */
export interface PlanInput {
  /** Units this run may spend. */
  readonly budget: number;
  readonly channels: readonly {
    readonly videoCount: number | null;
    readonly knownVideos: number;
    readonly queuedVideos: number;
    readonly uploadsComplete: boolean;
    readonly status: 'ok' | 'not_found';
  }[];
  /** Videos found but not fetched yet. */
  readonly queued: number;
  /** Known videos not refreshed today: recent ones, the long tail; and those already fresh. */
  readonly refresh: { readonly recent: number; readonly longTail: number; readonly fresh: number };
}

export type TierName = 'channels' | 'newUploads' | 'recent' | 'backfill' | 'longTail' | 'again';

export interface PlanTier {
  readonly tier: TierName;
  /** Units the tier needs by the estimate. */
  readonly units: number;
  /** Units the budget leaves for it, tiers taken in order. */
  readonly granted: number;
  readonly detail: string;
}

export interface IngestPlan {
  readonly budget: number;
  readonly units: number;
  readonly granted: number;
  readonly tiers: readonly PlanTier[];
}

const calls = (items: number) => Math.ceil(Math.max(0, items) / MAX_RESULTS);

/**
 * Plans a run's quota before any call: every list method costs 1 unit a call (ids or results,
 * 50 at most), so the units are the calls. Tiers, most valuable first: channel statistics, new
 * uploads (top pages of each uploads playlist and their details), recent videos, the walk of
 * channels' older uploads, the long tail, and a second refresh of videos already fetched today.
 * The estimate of new uploads uses each channel's video count from the last channels.list.
 */
export function planIngest(input: PlanInput): IngestPlan {
  const live = input.channels.filter((c) => c.status === 'ok');
  let headPages = 0;
  let newUploads = input.queued;
  let walkPages = 0;
  let walkVideos = 0;
  for (const c of live) {
    const seen = c.knownVideos + c.queuedVideos;
    const unseen = Math.max(0, (c.videoCount ?? seen) - seen);
    if (seen > 0) headPages += Math.max(1, c.uploadsComplete ? calls(unseen) : 1);
    if (c.uploadsComplete) newUploads += unseen;
    else {
      walkPages += Math.max(1, calls(unseen));
      walkVideos += unseen;
    }
  }
  const wanted: [TierName, number, string][] = [
    ['channels', calls(input.channels.length), `${input.channels.length} channels, 50 a call`],
    ['newUploads', headPages + calls(newUploads), `${headPages} playlist pages, ~${newUploads} videos`],
    ['recent', calls(input.refresh.recent), `${input.refresh.recent} recent videos`],
    ['backfill', walkPages + calls(walkVideos), `${walkPages} playlist pages, ~${walkVideos} older videos`],
    ['longTail', calls(input.refresh.longTail), `${input.refresh.longTail} older videos`],
    ['again', calls(input.refresh.fresh), `${input.refresh.fresh} videos already refreshed today`],
  ];
  let left = input.budget;
  const tiers = wanted.map(([tier, units, detail]) => {
    const granted = Math.min(units, left);
    left -= granted;
    return { tier, units, granted, detail };
  });
  return {
    budget: input.budget,
    units: tiers.reduce((s, t) => s + t.units, 0),
    granted: tiers.reduce((s, t) => s + t.granted, 0),
    tiers,
  };
}
