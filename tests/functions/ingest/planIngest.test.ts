import { describe, expect, it } from 'vitest';
import { planIngest } from '../../../functions/ingest/planIngest.ts';

const channel = (o: Partial<Parameters<typeof planIngest>[0]['channels'][number]> = {}) => ({
  videoCount: 500,
  knownVideos: 0,
  queuedVideos: 0,
  uploadsComplete: false,
  status: 'ok' as const,
  ...o,
});

describe('planIngest', () => {
  it('plans the first day of 100 channels x 500 videos at the minimum the API allows', () => {
    const plan = planIngest({
      budget: 10_000,
      channels: Array.from({ length: 100 }, () => channel()),
      queued: 0,
      refresh: { recent: 0, longTail: 0, fresh: 0 },
    });
    // ceil(100/50) + 100 x ceil(500/50) pages + ceil(50,000/50) videos.list = 2,002.
    expect(plan.units).toBe(2002);
    expect(plan.tiers.find((t) => t.tier === 'backfill')).toMatchObject({ units: 2000, granted: 2000 });
  });

  it('plans a later day: one top page per channel, new uploads, then every video once', () => {
    const plan = planIngest({
      budget: 10_000,
      channels: Array.from({ length: 100 }, () =>
        channel({ knownVideos: 500, videoCount: 501, uploadsComplete: true }),
      ),
      queued: 0,
      refresh: { recent: 3000, longTail: 47_000, fresh: 0 },
    });
    expect(plan.tiers.map((t) => [t.tier, t.units])).toEqual([
      ['channels', 2],
      ['newUploads', 100 + 2],
      ['recent', 60],
      ['backfill', 0],
      ['longTail', 940],
      ['again', 0],
    ]);
  });

  it('cuts the least valuable tiers first when the budget is short', () => {
    const plan = planIngest({
      budget: 150,
      channels: Array.from({ length: 100 }, () => channel({ knownVideos: 500, uploadsComplete: true })),
      queued: 120,
      refresh: { recent: 5000, longTail: 40_000, fresh: 100 },
    });
    expect(plan.tiers.map((t) => [t.tier, t.granted])).toEqual([
      ['channels', 2],
      ['newUploads', 103],
      ['recent', 45],
      ['backfill', 0],
      ['longTail', 0],
      ['again', 0],
    ]);
    expect(plan.granted).toBe(150);
  });

  it('skips channels that are no longer found', () => {
    const plan = planIngest({
      budget: 100,
      channels: [channel({ status: 'not_found' })],
      queued: 0,
      refresh: { recent: 0, longTail: 0, fresh: 0 },
    });
    expect(plan.tiers.map((t) => t.units)).toEqual([1, 0, 0, 0, 0, 0]);
  });
});
