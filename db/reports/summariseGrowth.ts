import {
  type ChannelGrowth,
  GROWTH_DAYS,
  type GrowthDay,
  type GrowthGain,
  MILESTONE_BASIS_DAYS,
  MILESTONE_HORIZON_DAYS,
  type Milestone,
  SUBSCRIBER_SIGNIFICANT_FIGURES,
} from './contract/index.ts';
import { nextMilestone, roundingStep } from './milestones.ts';

const DAY_MS = 86_400_000;
// `YYYY-MM-DD` to days since 1970 by its digits and Date.UTC: parsing a date string builds far
// more (tens of thousands of calls a refresh).
const digits = (s: string, from: number, to: number) => {
  let n = 0;
  for (let i = from; i < to; i += 1) n = n * 10 + s.charCodeAt(i) - 48;
  return n;
};
const dayNumber = (day: string) =>
  Date.UTC(digits(day, 0, 4), digits(day, 5, 7) - 1, digits(day, 8, 10)) / DAY_MS;
const dayText = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);

/** At least this many points and days of span before a trend is fitted. */
const MIN_POINTS = 5;
const MIN_SPAN_DAYS = 14;

/**
 * The snapshot to compare the newest with for a gain over `period` days: the newest one on or
 * before that day, if it is not much older (a tracker that missed the exact day still gives a
 * gain, with its real span).
 */
function gainOver(days: readonly GrowthDay[], period: number): GrowthGain | null {
  const last = days.at(-1);
  if (!last) return null;
  const end = dayNumber(last.day);
  const slack = Math.max(1, Math.floor(period / 2));
  for (let i = days.length - 2; i >= 0; i -= 1) {
    const d = days[i]!;
    const n = dayNumber(d.day);
    if (n > end - period) continue;
    if (n < end - period - slack) return null;
    const diff = (a: number | null, b: number | null) => (a === null || b === null ? null : a - b);
    return {
      days: end - n,
      subscribers: diff(last.subscribers, d.subscribers),
      views: diff(last.views, d.views),
      videos: diff(last.videos, d.videos),
    };
  }
  return null;
}

/** Whether every count of 1,000 or more is a multiple of its 3-significant-figure step. */
function looksRounded(days: readonly GrowthDay[]): boolean {
  return days.every(
    (d) =>
      d.subscribers === null ||
      d.subscribers % roundingStep(d.subscribers, SUBSCRIBER_SIGNIFICANT_FIGURES) === 0,
  );
}

/**
 * The next subscriber milestone and when the trend reaches it. The trend is a least-squares line
 * through the published counts of the last MILESTONE_BASIS_DAYS; its range is the slope plus and
 * minus two standard errors, widened by the rounding of the counts (each may be up to one step
 * below the truth, so the slope is known to about one step over the span).
 */
export function projectMilestone(days: readonly GrowthDay[], step: number): Milestone | null {
  const last = days.at(-1);
  if (!last || last.subscribers === null) return null;
  const end = dayNumber(last.day);
  // The days are oldest first: the basis is the newest ones, found from the end (a channel
  // report carries up to 730 days, the basis 90). The sums below run oldest first as before.
  let from = days.length - 1;
  while (from > 0 && dayNumber(days[from - 1]!.day) > end - MILESTONE_BASIS_DAYS) from -= 1;
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = from; i < days.length; i += 1) {
    const d = days[i]!;
    if (d.subscribers === null) continue;
    xs.push(dayNumber(d.day) - end);
    ys.push(d.subscribers);
  }
  const n = xs.length;
  const span = n ? -xs[0]! : 0;
  if (n < MIN_POINTS || span < MIN_SPAN_DAYS) return null;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i += 1) {
    mx += xs[i]!;
    my += ys[i]!;
  }
  mx /= n;
  my /= n;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (let i = 0; i < n; i += 1) {
    const x = xs[i]!;
    const y = ys[i]!;
    sxx += (x - mx) ** 2;
    sxy += (x - mx) * (y - my);
    syy += (y - my) ** 2;
  }
  const slope = sxy / sxx;
  const residual = Math.max(0, syy - slope * sxy) / (n - 2);
  const spread = 2 * Math.sqrt(residual / sxx) + step / span;
  const target = nextMilestone(last.subscribers);
  // Where the line is today (x = 0): the published count may sit up to one step below it.
  const now = my - slope * mx;
  const reach = (perDay: number) => {
    if (perDay <= 0) return null;
    const inDays = Math.max(1, Math.ceil((target - now) / perDay));
    return inDays > MILESTONE_HORIZON_DAYS ? null : dayText(end + inDays);
  };
  return {
    target,
    current: last.subscribers,
    perDay: Math.round(slope * 10) / 10,
    basisDays: span,
    projectedDay: reach(slope),
    earliestDay: reach(slope + spread),
    latestDay: reach(slope - spread),
  };
}

/** A channel's growth section from its daily snapshots (oldest first, any number of days). */
export function summariseGrowth(all: readonly GrowthDay[]): ChannelGrowth {
  const days = all.slice(-GROWTH_DAYS);
  const newest = [...days].reverse().find((d) => d.subscribers !== null)?.subscribers ?? null;
  const step = newest !== null && looksRounded(days) ? roundingStep(newest) : 1;
  return {
    days,
    subscriberStep: step,
    gains: { day: gainOver(days, 1), week: gainOver(days, 7), month: gainOver(days, 28) },
    milestone: projectMilestone(days, step),
  };
}
