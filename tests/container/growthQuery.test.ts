import { beforeAll, expect, it } from 'vitest';
import { growthQuery } from '../../container/explorer/queries/growthQuery.ts';
import { loadFile } from '../../db/load/loadFile.ts';
import { openTrendingFile } from '../../db/load/openTrendingFile.ts';
import { describeEachBackend } from '../support/backends.ts';

const A = 'UCaaaaaaaaaaaaaaaaaaaaaa';
const B = 'UCbbbbbbbbbbbbbbbbbbbbbb';
const C = 'UCcccccccccccccccccccccc';

describeEachBackend('growthQuery (explorer: channels over time)', (db) => {
  beforeAll(async () => {
    for (const name of ['channels.csv', 'channel_daily.csv', 'video_snapshots.csv']) {
      const file = `tests/fixtures/tracker/${name}`;
      await loadFile(db().client, await openTrendingFile(file), { file });
    }
  });

  it('gives each selected channel its days, views and subscribers, in the order selected', async () => {
    const [c, a] = await growthQuery(db().client, [C, A]);
    expect(a).toMatchObject({ channelId: A, viewsSource: 'channel' });
    expect(a!.days).toHaveLength(60);
    expect([a!.days[0], a!.views[0], a!.subscribers[0]]).toEqual(['2026-01-01', 5_000_000, 123_000]);
    expect(c!.channelId).toBe(C);
    expect(c!.subscribers.every((s) => s === null)).toBe(true);
    expect(await growthQuery(db().client, [])).toEqual([]);
  });

  it("sums a channel's videos when no channel snapshot carries views", async () => {
    await db().client.query('UPDATE channel_daily_stats SET views = NULL WHERE channel_id = $1', [B]);
    const [b] = await growthQuery(db().client, [B]);
    expect(b!.viewsSource).toBe('videos');
    const { rows } = await db().client.query<{ views: number }>(
      `SELECT sum(d.views)::float8 AS views FROM video_daily_stats d JOIN videos v USING (video_id)
       WHERE v.channel_id = $1 AND d.day = '2026-03-01'`,
      [B],
    );
    expect(b!.views.at(-1)).toBe(rows[0]!.views);
    // Subscribers still come from the channel snapshots, day by day.
    expect(b!.subscribers.filter((s) => s !== null)).toHaveLength(60);
  });
});
