import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createRandom } from '../../../db/generate/random.ts';
import { channelAt, type GenerateShape, snapshotsOf, videoAt } from '../../../db/generate/syntheticData.ts';
import { writeTrendingCsv } from '../../../db/generate/writeTrendingCsv.ts';
import { readTrendingRecords } from '../../../db/load/readTrendingRecords.ts';

const shape: GenerateShape = { channels: 50, videos: 2000, days: 30, seed: 7, lastDay: '2025-12-31' };

describe('synthetic data', () => {
  it('createRandom gives the same stream for the same seed parts and another for others', () => {
    const a = createRandom(1, 'video', 3);
    const b = createRandom(1, 'video', 3);
    const c = createRandom(2, 'video', 3);
    const take = (r: typeof a) => Array.from({ length: 5 }, () => r.next());
    const first = take(a);
    expect(take(b)).toEqual(first);
    expect(take(c)).not.toEqual(first);
    expect(first.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('videoAt and snapshotsOf are pure functions of shape, seed and index', () => {
    expect(videoAt(shape, 42)).toEqual(videoAt(shape, 42));
    expect(snapshotsOf(shape, videoAt(shape, 42))).toEqual(snapshotsOf(shape, videoAt(shape, 42)));
    expect(videoAt({ ...shape, seed: 8 }, 42).videoId).not.toBe(videoAt(shape, 42).videoId);
  });

  it('gives every channel a unique name and YouTube-shaped ids', () => {
    const channels = Array.from({ length: shape.channels }, (_, i) => channelAt(shape, i));
    expect(new Set(channels.map((c) => c.title)).size).toBe(shape.channels);
    expect(channels.every((c) => /^UC[A-Za-z0-9_-]{22}$/.test(c.channelId))).toBe(true);
    expect(videoAt(shape, 0).videoId).toMatch(/^[A-Za-z0-9_-]{11}$/);
  });

  it('has realistic shapes: heavy-tailed views, Shorts to hours, uploads over years', () => {
    const videos = Array.from({ length: shape.videos }, (_, i) => videoAt(shape, i));
    const views = videos.map((v) => snapshotsOf(shape, v).at(-1)!.views).sort((a, b) => a - b);
    const median = views[Math.floor(views.length / 2)]!;
    expect(views.at(-1)!).toBeGreaterThan(median * 100);
    const durations = videos.map((v) => v.durationSeconds);
    expect(durations.some((d) => d < 60)).toBe(true);
    expect(durations.some((d) => d >= 3600)).toBe(true);
    const years = new Set(videos.map((v) => v.publishedAt.getUTCFullYear()));
    expect(years.size).toBeGreaterThanOrEqual(5);
    expect(videos.filter((v) => v.title.endsWith('#shorts')).every((v) => v.durationSeconds < 60)).toBe(true);
  });

  it('snapshots only grow, end on lastDay and never start before the upload day', () => {
    for (let i = 0; i < 300; i += 1) {
      const video = videoAt(shape, i);
      const snapshots = snapshotsOf(shape, video);
      expect(snapshots.at(-1)!.day).toBe(shape.lastDay);
      expect(snapshots.length).toBeLessThanOrEqual(shape.days);
      expect(snapshots[0]!.day >= video.publishedAt.toISOString().slice(0, 10)).toBe(true);
      for (let k = 1; k < snapshots.length; k += 1) {
        const [a, b] = [snapshots[k - 1]!, snapshots[k]!];
        expect(b.views >= a.views && b.likes >= a.likes && b.comments >= a.comments).toBe(true);
      }
      expect(snapshots.every((s) => s.likes <= s.views)).toBe(true);
    }
  });

  it('writeTrendingCsv writes a 2017-format file that reads back without a bad record', async () => {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    const rows = await writeTrendingCsv(shape, out, { rows: 1500 });
    out.end();
    expect(rows).toBe(1500);
    const text = Buffer.concat(chunks).toString('utf8');
    expect(text).toContain('\r\n');
    const { format, records } = await readTrendingRecords(PassThrough.from([text]), 'generated.csv');
    expect(format.name).toBe('youtube-new-2017');
    let good = 0;
    for await (const r of records) {
      expect(r.kind).toBe('row');
      good += 1;
    }
    expect(good).toBe(1500);
  });
});
