import {
  CURVE_DAYS,
  CURVE_UPLOADS,
  MIN_COMPARED,
  type OutlierScore,
  type PerformanceCurve,
  PREVIOUS_UPLOADS,
  RECENT_UPLOADS,
  type RecentUpload,
  type VideoPerformance,
} from './contract/index.ts';

/** One upload with its snapshots in its first CURVE_DAYS days, as queryVideoPerformance reads it. */
export interface UploadHistory {
  readonly videoId: string;
  readonly title: string;
  readonly publishedAt: string;
  /** Days from the UTC day of publication to the newest snapshot; null without snapshots. */
  readonly ageDays: number | null;
  readonly views: number;
  /**
   * Its snapshots at ages 0 to CURVE_DAYS only, by age: the age in days of each and its views.
   * Two plain arrays rather than an [age, views] pair per snapshot: a refresh decodes some
   * 700,000 snapshots.
   */
  readonly snapshots: { readonly ages: readonly number[]; readonly views: readonly number[] };
}

/** Whether the snapshots cover the video from publication: the first is at most a day after. */
export const isCovered = (video: UploadHistory) => (video.snapshots.ages[0] ?? Number.POSITIVE_INFINITY) <= 1;

/**
 * The video's views at each age from 0 to its newest snapshot's (null before its first), a missed
 * day read off the straight line between the snapshots on either side; empty when the video is not
 * covered from publication. One walk over the snapshots, kept per video: the scores and curves ask
 * for views at an age some 400 times per channel.
 */
const seriesCache = new WeakMap<UploadHistory, readonly (number | null)[]>();
function seriesOf(video: UploadHistory): readonly (number | null)[] {
  let series = seriesCache.get(video);
  if (series) return series;
  const { ages, views } = video.snapshots;
  const out: (number | null)[] = [];
  if (isCovered(video)) {
    for (let age = 0; age < ages[0]!; age += 1) out.push(null);
    for (let i = 0; i < ages.length; i += 1) {
      const a = ages[i]!;
      const v = views[i]!;
      if (i > 0) {
        const pa = ages[i - 1]!;
        const pv = views[i - 1]!;
        for (let age = pa + 1; age < a; age += 1)
          out.push(Math.round(pv + ((v - pv) * (age - pa)) / (a - pa)));
      }
      out.push(v);
    }
  }
  series = out;
  seriesCache.set(video, series);
  return series;
}

/** Views at `age` (days) when the video is covered from publication; null otherwise. */
export function viewsAtAge(video: UploadHistory, age: number): number | null {
  return seriesOf(video)[age] ?? null;
}

const median = (values: readonly number[]) => {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

/**
 * Upload `index` (of `uploads`, oldest first) against the up to PREVIOUS_UPLOADS uploads before
 * it, all at `age`: views / their median, and its rank among them. null when it or fewer than
 * MIN_COMPARED of them have views at that age, or their median is 0.
 */
export function compareAtAge(
  uploads: readonly UploadHistory[],
  index: number,
  age: number,
): Omit<OutlierScore, 'basis'> | null {
  const own = viewsAtAge(uploads[index]!, age);
  if (own === null) return null;
  const others: number[] = [];
  for (let i = index - 1; i >= 0 && i >= index - PREVIOUS_UPLOADS; i -= 1) {
    const v = viewsAtAge(uploads[i]!, age);
    if (v !== null) others.push(v);
  }
  if (others.length < MIN_COMPARED) return null;
  const m = median(others);
  if (m <= 0) return null;
  return {
    score: Math.round((own / m) * 100) / 100,
    median: Math.round(m),
    ageDays: age,
    rank: 1 + others.filter((v) => v > own).length,
    of: others.length + 1,
  };
}

/** The age a video is scored at: its own age, up to CURVE_DAYS (an older one at CURVE_DAYS). */
export const scoringAge = (video: UploadHistory) =>
  video.ageDays === null ? null : Math.min(video.ageDays, CURVE_DAYS);

function outlierOf(
  uploads: readonly UploadHistory[],
  index: number,
  lifetimeMedian: number,
): OutlierScore | null {
  const video = uploads[index]!;
  const age = scoringAge(video);
  const same = age === null || age < 1 ? null : compareAtAge(uploads, index, age);
  if (same) return { basis: 'sameAge', ...same };
  if (lifetimeMedian <= 0) return null;
  return {
    basis: 'lifetimeMedian',
    score: Math.round((video.views / lifetimeMedian) * 100) / 100,
    median: lifetimeMedian,
    ageDays: null,
    rank: null,
    of: null,
  };
}

/**
 * A channel's performance section from its newest uploads (oldest first, the RECENT_UPLOADS
 * shown and the PREVIOUS_UPLOADS before them). `lifetimeMedian` is the median latest views of
 * all the channel's videos, the fallback basis.
 */
export function summarisePerformance(
  uploads: readonly UploadHistory[],
  lifetimeMedian: number,
): VideoPerformance {
  const recent: RecentUpload[] = [];
  for (let i = uploads.length - 1; i >= 0 && recent.length < RECENT_UPLOADS; i -= 1) {
    const v = uploads[i]!;
    if (v.ageDays === null) continue;
    recent.push({
      videoId: v.videoId,
      title: v.title,
      publishedAt: v.publishedAt,
      ageDays: v.ageDays,
      views: v.views,
      coveredFromPublication: isCovered(v),
      viewsAt: { d1: viewsAtAge(v, 1), d7: viewsAtAge(v, 7), d28: viewsAtAge(v, 28) },
      outlier: outlierOf(uploads, i, lifetimeMedian),
    });
  }
  const curves: PerformanceCurve[] = [];
  for (let i = uploads.length - 1; i >= 0 && curves.length < CURVE_UPLOADS; i -= 1) {
    const v = uploads[i]!;
    const last = v.snapshots.ages.at(-1);
    if (last === undefined || !isCovered(v)) continue;
    curves.push({
      videoId: v.videoId,
      title: v.title,
      publishedAt: v.publishedAt,
      views: seriesOf(v).slice(0, Math.min(last, CURVE_DAYS) + 1),
    });
  }
  const typical = Array.from({ length: CURVE_DAYS + 1 }, (_, age) => {
    const values: number[] = [];
    for (const c of curves) if (c.views[age] != null) values.push(c.views[age]!);
    return values.length >= MIN_COMPARED ? Math.round(median(values)) : null;
  });
  while (typical.length && typical.at(-1) === null) typical.pop();
  return { previousUploads: PREVIOUS_UPLOADS, recent, curves, typical };
}
