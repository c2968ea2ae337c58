import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { loadFile } from '../../../db/load/loadFile.ts';
import { openTrendingFile } from '../../../db/load/openTrendingFile.ts';
import type { ChannelReport, GrowthReport } from '../../../db/reports/contract/index.ts';
import { directoryObjectStore } from '../../../functions/refresh/objectStore/index.ts';
import { refreshReports } from '../../../functions/refresh/refreshReports.ts';
import { describeEachBackend } from '../../support/backends.ts';
import { readPublication } from './support/readPublication.ts';

const A = 'UCaaaaaaaaaaaaaaaaaaaaaa';
const B = 'UCbbbbbbbbbbbbbbbbbbbbbb';
const C = 'UCcccccccccccccccccccccc';

describeEachBackend('refreshReports with the growth reports', (db) => {
  let dir: string;
  beforeAll(async () => {
    for (const name of ['channels.csv', 'channel_daily.csv', 'video_snapshots.csv']) {
      const file = `tests/fixtures/tracker/${name}`;
      await loadFile(db().client, await openTrendingFile(file), { file });
    }
  });
  beforeEach(async () => {
    await db().client.query('DELETE FROM job_locks');
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  async function publish(options: { growthReports?: boolean; kind?: 'full' | 'incremental' } = {}) {
    dir ??= await mkdtemp(path.join(os.tmpdir(), 'tubelens-growth-'));
    const store = directoryObjectStore(dir);
    const result = await refreshReports({
      sql: db().client,
      store,
      kind: options.kind ?? 'full',
      ...options,
    });
    return { result, pub: await readPublication(store) };
  }

  it('publishes growth.json: daily changes summed over channels, period gains and the top gainers', async () => {
    const { pub } = await publish();
    const growth = pub.reports.growth as GrowthReport;
    expect(growth).toMatchObject({ lastDay: '2026-03-01', channels: 3 });
    expect(growth.daily).toHaveLength(59);
    expect(growth.daily.at(-1)).toMatchObject({ day: '2026-03-01', channels: 3 });
    expect(growth.gains.month).toMatchObject({ channels: 3 });
    expect(growth.top.subscribers.map((g) => g.channelId)).toEqual([A, B]);
    expect(growth.top.subscribers[0]).toMatchObject({
      title: 'Ada Builds',
      subscribers: 164_000,
      gained: 19_000,
      days: 28,
    });
    expect(growth.top.views[0]).toMatchObject({ channelId: A, days: 28 });
    expect(growth.top.views.map((g) => g.channelId)).toContain(C);
  });

  it('gives each channel its growth: the days, gains, the rounding step and the next milestone', async () => {
    const { pub } = await publish();
    const ada = (await pub.channel(A)) as ChannelReport;
    expect(ada.channel.subscribers).toBe(164_000);
    const growth = ada.growth!;
    expect(growth.days).toHaveLength(60);
    expect(growth.days[0]).toEqual({
      day: '2026-01-01',
      subscribers: 123_000,
      views: 5_000_000,
      videos: 200,
    });
    expect(growth.subscriberStep).toBe(1000);
    expect(growth.gains.week).toMatchObject({ days: 7, subscribers: 5000 });
    expect(growth.milestone).toMatchObject({ target: 200_000, current: 164_000 });
    expect(growth.milestone!.projectedDay! > '2026-04-01').toBe(true);

    const cello = (await pub.channel(C)) as ChannelReport;
    expect(cello.growth!.milestone).toBeNull(); // its subscriber count is hidden
    expect(cello.growth!.gains.day).toEqual({ days: 1, subscribers: null, views: 500, videos: 0 });
  });

  it('scores uploads at equal age where snapshots cover them, and falls back to the lifetime median elsewhere', async () => {
    const { pub } = await publish();
    const ada = (await pub.channel(A)) as ChannelReport;
    const perf = ada.performance!;
    expect(perf.recent).toHaveLength(16);
    expect(perf.recent[0]!.videoId).toBe('adaVid15xxx');
    const star = perf.recent.find((r) => r.videoId === 'adaVid12xxx')!;
    expect(star.coveredFromPublication).toBe(true);
    // Published 2026-02-06, newest snapshot 2026-03-01: compared at 23 days.
    expect(star.outlier).toMatchObject({ basis: 'sameAge', rank: 1, of: 11, ageDays: 23 });
    expect(star.outlier!.score).toBeGreaterThan(5);
    expect(star.viewsAt.d7).toBeGreaterThan(
      5 * perf.recent.find((r) => r.videoId === 'adaVid11xxx')!.viewsAt.d7!,
    );
    expect(perf.curves).toHaveLength(10);
    expect(perf.typical.length).toBeGreaterThan(20);

    const bento = (await pub.channel(B)) as ChannelReport;
    expect(bento.performance!.recent.map((r) => r.outlier?.basis)).toEqual(Array(6).fill('lifetimeMedian'));
    expect(bento.performance!.recent.every((r) => !r.coveredFromPublication && r.viewsAt.d1 === null)).toBe(
      true,
    );
    expect(bento.performance!.curves).toEqual([]);
  });

  it('leaves the growth reports out when asked, as the bench does', async () => {
    const { pub } = await publish({ growthReports: false });
    expect(pub.manifest.reports.growth).toBeUndefined();
    const ada = (await pub.channel(A)) as ChannelReport;
    expect(ada.growth).toBeUndefined();
    expect(ada.performance).toBeUndefined();
  });

  it('recomputes a channel in an incremental run when a new daily channel snapshot arrives', async () => {
    await publish();
    await db().client.query(
      `INSERT INTO channel_daily_stats (channel_id, day, subscribers, views, videos) VALUES ($1, '2026-03-02', 9990, 1000000, 96)`,
      [B],
    );
    const { result, pub } = await publish({ kind: 'incremental' });
    expect(result).toMatchObject({ status: 'published', channelsComputed: 1 });
    const bento = (await pub.channel(B)) as ChannelReport;
    expect(bento.growth!.days.at(-1)).toEqual({
      day: '2026-03-02',
      subscribers: 9990,
      views: 1_000_000,
      videos: 96,
    });
  });
});
