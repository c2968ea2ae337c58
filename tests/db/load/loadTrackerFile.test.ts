import { Readable } from 'node:stream';
import { expect, it } from 'vitest';
import { BadRecordError, LoadError } from '../../../db/load/errors.ts';
import { loadFile } from '../../../db/load/loadFile.ts';
import { openTrendingFile } from '../../../db/load/openTrendingFile.ts';
import type { SqlClient } from '../../../db/sql/SqlClient.ts';
import { describeEachBackend } from '../../support/backends.ts';
import { tableFingerprint } from './tableFingerprint.ts';

const fixture = (name: string) => `tests/fixtures/tracker/${name}`;
const A = 'UCaaaaaaaaaaaaaaaaaaaaaa';
const B = 'UCbbbbbbbbbbbbbbbbbbbbbb';
const C = 'UCcccccccccccccccccccccc';

async function load(
  db: SqlClient,
  name: string,
  options: { skipBadRows?: boolean; chunkBytes?: number } = {},
) {
  const file = fixture(name);
  return loadFile(db, await openTrendingFile(file), { file, ...options });
}

const one = async <R extends Record<string, unknown>>(db: SqlClient, sql: string, params: unknown[] = []) =>
  (await db.query<R>(sql, params as never[])).rows[0]!;

describeEachBackend('loadFile with tracker CSVs', (db) => {
  it('loads the channels reference file (BOM, CRLF, empty country, 0 to 6 fractional digits)', async () => {
    const result = await load(db().client, 'channels.csv');
    expect(result).toMatchObject({ format: 'tracker-channels', rows: 4, channels: 4, skipped: [] });
    const { rows } = await db().client.query<{
      channel_id: string;
      title: string;
      handle: string | null;
      country: string | null;
      published_at: Date;
      uploads_playlist_id: string | null;
    }>(
      'SELECT channel_id, title, handle, country, published_at, uploads_playlist_id FROM channels ORDER BY channel_id',
    );
    expect(rows.map((r) => [r.title, r.handle, r.country, r.uploads_playlist_id])).toEqual([
      ['Ada Builds', '@adabuilds', 'GB', 'UUaaaaaaaaaaaaaaaaaaaaaa'],
      ['Bento Kitchen, "Tokyo"', '@bentokitchen', 'JP', 'UUbbbbbbbbbbbbbbbbbbbbbb'],
      ['Cello Hidden', null, null, 'UUcccccccccccccccccccccc'],
      ['Dormant', '@dormant', null, null],
    ]);
    expect(rows[1]!.published_at.toISOString()).toBe('2019-07-15T03:20:11.500Z');
    // The BOM is not part of the first column's name or of the first channel's id.
    expect(rows[0]!.channel_id).toBe(A);
  });

  it('loads daily channel snapshots and sets each channel to its newest one', async () => {
    const result = await load(db().client, 'channel_daily.csv');
    expect(result).toMatchObject({
      format: 'tracker-channel-daily',
      rows: 180,
      channels: 3,
      videos: 0,
      days: 60,
      firstDay: '2026-01-01',
      lastDay: '2026-03-01',
      skipped: [],
      warnings: [],
    });
    const c = db().client;
    expect(await one(c, 'SELECT count(*)::int AS n FROM channel_daily_stats')).toEqual({ n: 180 });
    const mismatched = await one(
      c,
      `SELECT count(*)::int AS n FROM channels c
       JOIN LATERAL (SELECT * FROM channel_daily_stats s WHERE s.channel_id = c.channel_id ORDER BY day DESC LIMIT 1) s ON true
       WHERE (c.subscriber_count, c.view_count, c.video_count) IS DISTINCT FROM (s.subscribers, s.views, s.videos)`,
    );
    expect(mismatched).toEqual({ n: 0 });
    expect(
      await one(
        c,
        'SELECT subscriber_count::int AS subs, view_count::int AS views FROM channels WHERE channel_id = $1',
        [C],
      ),
    ).toEqual({ subs: null, views: 1_029_500 });
    expect(
      await one(
        c,
        "SELECT subscribers::int AS subs FROM channel_daily_stats WHERE channel_id = $1 AND day = '2026-01-04'",
        [B],
      ),
    ).toEqual({ subs: 9880 });
  });

  it('loads video snapshots: one row per video and UTC day, the day keeping its last snapshot', async () => {
    const result = await load(db().client, 'video_snapshots.csv');
    expect(result).toMatchObject({
      format: 'tracker-video-snapshots',
      rows: 913,
      videos: 22,
      channels: 2,
      firstDay: '2026-01-02',
      lastDay: '2026-03-01',
      skipped: [],
    });
    const c = db().client;
    // adaVid00: published 2026-01-01, snapshotted twice on age-4 days (06:00 and 18:30).
    const day5 = await one(
      c,
      "SELECT views::int AS views FROM video_daily_stats WHERE video_id = 'adaVid00xxx' AND day = '2026-01-05'",
    );
    expect(day5).toEqual({ views: 5906 + 100 });
    const video = await one(
      c,
      `SELECT title, duration_seconds, category_id, stats_day, views::int AS views, published_at
       FROM videos WHERE video_id = 'adaVid02xxx'`,
    );
    expect(video).toMatchObject({
      title: 'Build log 3: a shed, a lathe & "more"',
      duration_seconds: 3723,
      category_id: 28,
      stats_day: '2026-03-01',
    });
    expect((video.published_at as Date).toISOString()).toBe('2026-01-07T15:00:00.000Z');
    expect(await one(c, "SELECT duration_seconds FROM videos WHERE video_id = 'adaVid04xxx'")).toEqual({
      duration_seconds: 0,
    });
    // Its like_count is empty in every record: unknown, not zero.
    expect(
      await one(
        c,
        `SELECT count(*)::int AS n, count(likes)::int AS known FROM video_daily_stats WHERE video_id = 'adaVid03xxx'`,
      ),
    ).toEqual({ n: 50, known: 0 });
    const stale = await one(
      c,
      `SELECT count(*)::int AS n FROM videos v
       JOIN LATERAL (SELECT * FROM video_daily_stats d WHERE d.video_id = v.video_id ORDER BY day DESC LIMIT 1) s ON true
       WHERE (v.views, v.likes, v.comments, v.stats_day) IS DISTINCT FROM (s.views, s.likes, s.comments, s.day)`,
    );
    expect(stale).toEqual({ n: 0 });
    expect(await one(c, "SELECT title FROM videos WHERE video_id = 'bentoV00xxx'")).toEqual({
      title: 'お弁当 1 🍱',
    });
  });

  it('leaves the database as it was when the same files are loaded again', async () => {
    const c = db().client;
    const before = await tableFingerprint(c);
    for (const name of ['channels.csv', 'channel_daily.csv', 'video_snapshots.csv']) await load(c, name);
    expect(await tableFingerprint(c)).toEqual(before);
  });

  it('gives the same tables whether a file is merged in one chunk or in many', async () => {
    const c = db().client;
    const whole = await tableFingerprint(c, { content: true });
    await c.query('TRUNCATE channels, videos, video_daily_stats, channel_daily_stats, categories CASCADE');
    for (const name of ['channels.csv', 'channel_daily.csv', 'video_snapshots.csv']) {
      await load(c, name, { chunkBytes: 2048 });
    }
    expect(await tableFingerprint(c, { content: true })).toEqual(whole);
  });

  it('keeps a newer title when an older history file is loaded after it', async () => {
    const c = db().client;
    await c.query("UPDATE channels SET title = 'Ada Builds (renamed)' WHERE channel_id = $1", [A]);
    await c.query(
      `INSERT INTO channel_daily_stats (channel_id, day, subscribers, views, videos)
       VALUES ($1, '2026-03-10', 166000, 7600000, 222)`,
      [A],
    );
    await load(c, 'channel_daily.csv');
    expect(
      await one(c, 'SELECT title, subscriber_count::int AS subs FROM channels WHERE channel_id = $1', [A]),
    ).toEqual({
      title: 'Ada Builds (renamed)',
      subs: 166_000,
    });
  });

  it('keeps the last line of a (channel, day) that a file repeats, in any order of lines', async () => {
    const c = db().client;
    const text = [
      '\ufeffdate_utc,channel_id,channel_title,subscribers,views,videos',
      `2026-03-20,${C},Cello Hidden,,1040000,41`,
      `2026-03-21,${C},Cello Hidden,,1040500,41`,
      `2026-03-20,${C},Cello Hidden,,1040100,42`,
    ].join('\r\n');
    const result = await loadFile(c, Readable.from([Buffer.from(text)]), { file: 'repeats.csv' });
    expect(result).toMatchObject({ rows: 3, days: 2 });
    const { rows } = await c.query<{ day: string; views: number; videos: number }>(
      `SELECT day, views::int AS views, videos::int AS videos FROM channel_daily_stats
       WHERE channel_id = $1 AND day >= '2026-03-20' ORDER BY day`,
      [C],
    );
    expect(rows).toEqual([
      { day: '2026-03-20', views: 1_040_100, videos: 42 },
      { day: '2026-03-21', views: 1_040_500, videos: 41 },
    ]);
    expect(await one(c, 'SELECT view_count::int AS views FROM channels WHERE channel_id = $1', [C])).toEqual({
      views: 1_040_500,
    });
  });

  it('stops at the first bad record and keeps nothing of the file', async () => {
    const c = db().client;
    const before = await tableFingerprint(c);
    const error = await load(c, 'channel_daily_bad.csv').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRecordError);
    expect((error as BadRecordError).message).toBe(
      'tests/fixtures/tracker/channel_daily_bad.csv: line 3: subscribers is negative: -5 (nothing from this file was loaded; use --skip-bad-rows to load the other records)',
    );
    expect(await tableFingerprint(c)).toEqual(before);
  });

  it('with skipBadRows loads the good records and names every bad one', async () => {
    const result = await load(db().client, 'channel_daily_bad.csv', { skipBadRows: true });
    expect(result.rows).toBe(2);
    expect(result.skipped.map((s) => [s.line, s.reason])).toEqual([
      [3, 'subscribers is negative: -5'],
      [4, 'date_utc is not a real date: "2026-02-30"'],
      [5, 'channel_id is not a YouTube channel id (UC and 22 characters): "UCnot-an-id"'],
      [6, 'has 5 fields, expected 6 (tracker daily channel snapshots)'],
      [7, 'subscribers is not a whole number: "1.2M"'],
    ]);
  });

  it('rejects a header in no known format, naming all five', async () => {
    const error = await load(db().client, '../trending/neither-format.csv').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LoadError);
    const message = (error as Error).message;
    expect(message).toContain('line 1: header "id,name,score" is in no format tubelens loads');
    for (const name of [
      'Kaggle youtube-new (2017)',
      'Kaggle rsrishav daily (2020+)',
      'tracker daily channel snapshots: date_utc,channel_id,channel_title,subscribers,views,videos',
      'tracker video snapshots',
      'tracker channels reference',
    ]) {
      expect(message).toContain(name);
    }
  });
});
