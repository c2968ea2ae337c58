import { describe, expect, it } from 'vitest';
import type { ChannelIndexEntry } from '../../../db/reports/contract/index.ts';
import { estimateChannelBytes, planChannelBatches } from '../../../functions/refresh/planChannelBatches.ts';

const channel = (id: string, videos: number): ChannelIndexEntry => ({
  channelId: id,
  title: id,
  handle: null,
  subscribers: null,
  videos,
  views: 0,
  likes: 0,
  comments: 0,
  medianViews: 0,
  likesPer1000: null,
  commentsPer1000: null,
  firstUpload: videos ? '2020-01-01T00:00:00.000Z' : null,
  lastUpload: videos ? '2020-12-01T00:00:00.000Z' : null,
  dataAsOf: null,
});

describe('planChannelBatches', () => {
  it('keeps each batch under the byte budget and the channel cap, in order', () => {
    const channels = Array.from({ length: 40 }, (_, i) => channel(`c${String(i).padStart(2, '0')}`, 100));
    const one = estimateChannelBytes(channels[0]!, 30);
    const batches = planChannelBatches(channels, { snapshotDays: 30, maxBytes: one * 7, maxChannels: 5 });
    expect(batches.map((b) => b.length)).toEqual([5, 5, 5, 5, 5, 5, 5, 5]);
    expect(batches.flat()).toEqual(channels);
    expect(
      planChannelBatches(channels, { snapshotDays: 30, maxBytes: one * 3 }).map((b) => b.length),
    ).toEqual([...Array(13).fill(3), 1]);
  });

  it('gives a channel larger than the budget a batch of its own', () => {
    const batches = planChannelBatches([channel('small', 1), channel('huge', 5000), channel('tiny', 0)], {
      snapshotDays: 3650,
      maxBytes: 10_000,
    });
    expect(batches.map((b) => b.map((c) => c.channelId))).toEqual([['small'], ['huge'], ['tiny']]);
  });

  it('sizes each channel by its own series when known, never past the whole span', () => {
    // Years of snapshots in the database, a month of them for most channels: sized by the span,
    // each channel would fill a batch on its own.
    const channels = Array.from({ length: 6 }, (_, i) => channel(`c${i}`, 10));
    const limits = { snapshotDays: 3000, maxBytes: estimateChannelBytes(channels[0]!, 30) * 3 };
    expect(planChannelBatches(channels, limits).map((b) => b.length)).toEqual([1, 1, 1, 1, 1, 1]);
    const seriesDays = new Map(channels.map((c) => [c.channelId, 30]));
    seriesDays.set('c3', 3000);
    seriesDays.set('c5', 99_999); // more than the span: the span bounds it
    expect(planChannelBatches(channels, { ...limits, seriesDays }).map((b) => b.length)).toEqual([
      3, 1, 1, 1,
    ]);
    seriesDays.delete('c0'); // not read with the index (carried): sized by the span
    expect(
      planChannelBatches(channels, { ...limits, seriesDays }).map((b) => b.map((c) => c.channelId)),
    ).toEqual([['c0'], ['c1', 'c2'], ['c3'], ['c4'], ['c5']]);
  });

  it('counts listed videos only up to the per-channel limit', () => {
    expect(estimateChannelBytes(channel('a', 5000), 10)).toBe(estimateChannelBytes(channel('b', 500), 10));
  });
});
