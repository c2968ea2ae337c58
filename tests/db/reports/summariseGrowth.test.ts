import { describe, expect, it } from 'vitest';
import { dailyGains, type GrowthDay } from '../../../db/reports/contract/index.ts';
import { milestonesCrossed, nextMilestone, roundingStep } from '../../../db/reports/milestones.ts';
import { projectMilestone, summariseGrowth } from '../../../db/reports/summariseGrowth.ts';

/** Days from 2026-01-01 with the API's rounding applied to `subscribers(i)`. */
function series(
  n: number,
  subscribers: (i: number) => number | null,
  views = (i: number) => 1000 * i,
): GrowthDay[] {
  return Array.from({ length: n }, (_, i) => {
    const s = subscribers(i);
    return {
      day: new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10),
      subscribers: s === null ? null : s - (s % roundingStep(s)),
      views: views(i),
      videos: 10 + Math.floor(i / 7),
    };
  });
}

describe('milestones', () => {
  it('nextMilestone is the next multiple of the leading power of ten', () => {
    expect(
      [0, 1, 9, 950, 999, 1000, 1234, 9870, 123_000, 999_000, 1_000_000, 1_230_000].map(nextMilestone),
    ).toEqual([1, 2, 10, 1000, 1000, 2000, 2000, 10_000, 200_000, 1_000_000, 2_000_000, 2_000_000]);
  });

  it('milestonesCrossed lists every milestone passed, none when the count fell', () => {
    expect(milestonesCrossed(9_870, 10_100)).toEqual([10_000]);
    expect(milestonesCrossed(180_000, 410_000)).toEqual([200_000, 300_000, 400_000]);
    expect(milestonesCrossed(10_100, 9_870)).toEqual([]);
    expect(milestonesCrossed(10_000, 10_000)).toEqual([]);
  });

  it('roundingStep is the unit of the third significant figure', () => {
    expect([999, 1000, 9_870, 123_456, 12_345_678].map((n) => roundingStep(n))).toEqual([
      1, 10, 10, 1000, 100_000,
    ]);
  });
});

describe('summariseGrowth', () => {
  it('gives daily, 7-day and 28-day gains from the snapshots, with the real span when a day is missing', () => {
    const days = series(60, (i) => 123_456 + 700 * i).filter((d) => d.day !== '2026-02-22');
    const growth = summariseGrowth(days);
    expect(growth.subscriberStep).toBe(1000);
    // 164,056 and 164,756 both read 164,000: no visible change, which is not "none gained".
    expect(growth.gains.day).toEqual({ days: 1, subscribers: 0, views: 1000, videos: 0 });
    // 2026-02-22 (7 days before the last) is missing: the 21st is compared, 8 days.
    expect(growth.gains.week).toEqual({ days: 8, subscribers: 5000, views: 8000, videos: 1 });
    expect(growth.gains.month?.days).toBe(28);
    expect(growth.gains.month?.subscribers).toBe(19_000);
  });

  it('projects the next milestone from the trend, with a range, and not when the count is flat', () => {
    const growth = summariseGrowth(series(60, (i) => 123_456 + 700 * i));
    const m = growth.milestone!;
    expect(m).toMatchObject({ target: 200_000, current: 164_000, basisDays: 59 });
    expect(m.perDay).toBeGreaterThan(650);
    expect(m.perDay).toBeLessThan(750);
    // (200,000 - ~164,800) / 700 ≈ 50 days after 2026-03-01.
    expect(m.projectedDay! > '2026-04-15' && m.projectedDay! < '2026-04-25').toBe(true);
    expect(m.earliestDay! <= m.projectedDay!).toBe(true);
    expect(m.latestDay! >= m.projectedDay!).toBe(true);

    const flat = summariseGrowth(series(60, () => 5_000)).milestone!;
    expect(flat).toMatchObject({ target: 6_000, perDay: 0, projectedDay: null, latestDay: null });
  });

  it('leaves the slow end open when rounding makes the trend uncertain', () => {
    // 12.3M growing 1,000 a day: the published count moves in steps of 100,000.
    const m = summariseGrowth(series(90, (i) => 12_300_000 + 1_000 * i)).milestone!;
    expect(m.target).toBe(20_000_000);
    expect(m.latestDay).toBeNull();
  });

  it('makes no projection from too little history or without subscriber counts', () => {
    expect(summariseGrowth(series(10, (i) => 1000 + i)).milestone).toBeNull();
    expect(summariseGrowth(series(60, () => null)).milestone).toBeNull();
    expect(summariseGrowth([]).gains).toEqual({ day: null, week: null, month: null });
  });

  it('does not call exact counts rounded', () => {
    expect(
      summariseGrowth(series(20, (i) => 123_456 + i).map((d, i) => ({ ...d, subscribers: 123_456 + i })))
        .subscriberStep,
    ).toBe(1);
  });
});

describe('dailyGains', () => {
  it('lists the newest days first, each against the snapshot before it', () => {
    const rows = dailyGains(
      series(5, (i) => 9_870 + 6 * i),
      3,
    );
    expect(rows.map((r) => [r.day, r.subscribers, r.subscribersChange, r.viewsChange])).toEqual([
      ['2026-01-05', 9_890, 10, 1000],
      ['2026-01-04', 9_880, 0, 1000],
      ['2026-01-03', 9_880, 10, 1000],
    ]);
    expect(dailyGains(series(1, () => 5))[0]).toMatchObject({ days: null, subscribersChange: null });
  });
});

describe('projectMilestone', () => {
  it('needs a subscriber count on the newest day', () => {
    const days = series(30, (i) => 1000 + 10 * i);
    expect(
      projectMilestone([...days, { day: '2026-02-01', subscribers: null, views: 1, videos: 1 }], 1),
    ).toBeNull();
  });
});
