import { describe, expect, it } from 'vitest';
import {
  compareAtAge,
  summarisePerformance,
  type UploadHistory,
  viewsAtAge,
} from '../../../db/reports/summarisePerformance.ts';

/** An upload published `n` days after 2026-01-01 whose views at age a are `curve(a)`. */
function upload(
  n: number,
  curve: (age: number) => number,
  options: { firstAge?: number; age?: number; skip?: number[] } = {},
): UploadHistory {
  const age = options.age ?? 60 - n;
  const snapshots = { ages: [] as number[], views: [] as number[] };
  for (let a = options.firstAge ?? 1; a <= Math.min(age, 28); a += 1) {
    if (options.skip?.includes(a)) continue;
    snapshots.ages.push(a);
    snapshots.views.push(curve(a));
  }
  return {
    videoId: `video${String(n).padStart(6, '0')}`,
    title: `Upload ${n}`,
    publishedAt: new Date(Date.UTC(2026, 0, 1 + n, 15)).toISOString(),
    ageDays: age,
    views: curve(age),
    snapshots,
  };
}

const normal = (a: number) => 1000 * a;

describe('viewsAtAge', () => {
  it('reads the snapshot of that age, interpolates a missed day, and needs coverage from publication', () => {
    const v = upload(0, normal, { skip: [7] });
    expect(viewsAtAge(v, 1)).toBe(1000);
    expect(viewsAtAge(v, 7)).toBe(7000);
    expect(viewsAtAge(v, 0)).toBeNull();
    expect(viewsAtAge(v, 29)).toBeNull();
    const late = upload(0, normal, { firstAge: 10 });
    expect(viewsAtAge(late, 12)).toBeNull();
  });
});

describe('compareAtAge', () => {
  it('divides by the median of the previous uploads at the same age and ranks the video among them', () => {
    const uploads = [0, 3, 6, 9, 12].map((n) =>
      upload(n, (a) => (n === 12 ? 6000 * a : (1 + n / 100) * 1000 * a)),
    );
    // Median of 7,000, 7,210, 7,420 and 7,630 is 7,315.
    expect(compareAtAge(uploads, 4, 7)).toEqual({ score: 5.74, median: 7315, ageDays: 7, rank: 1, of: 5 });
    expect(compareAtAge(uploads, 2, 7)).toBeNull(); // two uploads before it: fewer than 3
  });
});

describe('summarisePerformance', () => {
  it('scores recent uploads at equal age and falls back to the lifetime median, saying which', () => {
    const covered = Array.from({ length: 14 }, (_, i) =>
      upload(i * 3, (a) => (i === 12 ? 6 : 1) * normal(a)),
    );
    const uncovered = upload(45, normal, { firstAge: 10 });
    const perf = summarisePerformance([...covered, uncovered], 2000);
    expect(perf.recent).toHaveLength(15);
    expect(perf.recent[0]).toMatchObject({
      videoId: 'video000045',
      coveredFromPublication: false,
      viewsAt: { d1: null, d7: null, d28: null },
      outlier: { basis: 'lifetimeMedian', score: 7.5, median: 2000, rank: null, of: null },
    });
    const star = perf.recent.find((r) => r.videoId === 'video000036')!;
    // 24 days old: no views at 28 days yet.
    expect(star.viewsAt).toEqual({ d1: 6000, d7: 42_000, d28: null });
    expect(star.outlier).toEqual({
      basis: 'sameAge',
      score: 6,
      median: 24_000,
      ageDays: 24,
      rank: 1,
      of: 11,
    });
    // The video after it is compared with ten uploads, the outlier among them, at its own age.
    expect(perf.recent.find((r) => r.videoId === 'video000039')!.outlier).toMatchObject({
      basis: 'sameAge',
      score: 1,
      rank: 2,
      of: 11,
    });
    expect(perf.curves).toHaveLength(10);
    expect(perf.curves[0]!.videoId).toBe('video000039');
    expect(perf.curves[0]!.views.slice(0, 3)).toEqual([null, 1000, 2000]);
    expect(perf.typical[7]).toBe(7000);
  });
});
