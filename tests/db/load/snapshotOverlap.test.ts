import { Readable } from 'node:stream';
import { beforeEach, describe, expect, it } from 'vitest';
import { type BulkSession, openBulkSession } from '../../../db/load/bulkSession.ts';
import { loadTrendingFile } from '../../../db/load/loadTrendingFile.ts';
import { chunkIsNew, planSnapshotOverlap } from '../../../db/load/snapshotOverlap.ts';
import { CREATE_STAGING, STAGING_COLUMNS, STAGING_TABLE } from '../../../db/load/stagingTable.ts';
import { describeEachBackend } from '../../support/backends.ts';

const HEADER =
  'video_id,trending_date,title,channel_title,category_id,publish_time,tags,views,likes,dislikes,comment_count,thumbnail_link,comments_disabled,ratings_disabled,video_error_or_removed,description';
const record = (id: string, day: string, views: number) =>
  `${id},${day},"A video","Some Channel",24,2017-11-10T17:00:00.000Z,"one",${views},1,0,2,https://i.ytimg.com/vi/${id}/default.jpg,False,False,False,"d"`;
const csv = (...records: string[]) => Readable.from([`${HEADER}\n${records.join('\n')}\n`]);

describe('chunkIsNew', () => {
  it('is new after the newest day the table held, or in an empty table', () => {
    expect(chunkIsNew(null, '2017-11-14', false)).toBe(true);
    expect(chunkIsNew('2017-11-15', '2017-11-16', false)).toBe(true);
    expect(chunkIsNew('2017-12-31', '2018-01-01', false)).toBe(true);
  });

  it('may overlap on or before that day, once a (video, day) may have repeated, or for an empty chunk', () => {
    expect(chunkIsNew('2017-11-15', '2017-11-15', false)).toBe(false);
    expect(chunkIsNew('2017-11-15', '2017-11-01', false)).toBe(false);
    expect(chunkIsNew(null, '2017-11-14', true)).toBe(false);
    expect(chunkIsNew(null, null, false)).toBe(false);
  });
});

/** A staging row for `video` on `day` (the other columns do not matter here). */
const stagingRow = (line: number, video: string, day: string) => [
  line,
  video,
  day,
  'title:c',
  'Some Channel',
  true,
  'A video',
  'd',
  '2017-11-10T17:00:00Z',
  24,
  ['one'],
  10,
  1,
  0,
  2,
  false,
  false,
  false,
];

describeEachBackend('planSnapshotOverlap', (db) => {
  beforeEach(async () => {
    await db().client.query('TRUNCATE channels, videos, video_daily_stats CASCADE');
  });

  /**
   * Stages one chunk of `rows` in a real bulk session whose statements are recorded, asks
   * planSnapshotOverlap about it, and rolls back: the answer and how many probes it took.
   */
  async function ask(rows: [string, string][], repeatedSoFar = false) {
    const session = await openBulkSession(db().client);
    const statements: string[] = [];
    const seen: BulkSession = {
      ...session,
      query: (sql, params) => {
        statements.push(sql);
        return session.query(sql, params);
      },
    };
    try {
      await session.query(CREATE_STAGING);
      await session.copy(
        STAGING_TABLE,
        STAGING_COLUMNS,
        rows.map(([video, day], i) => stagingRow(i + 2, video, day)),
      );
      const overlap = await planSnapshotOverlap(seen, () => repeatedSoFar);
      const mayOverlap = await overlap.mayOverlap(seen);
      return { mayOverlap, probes: statements.filter((s) => s.includes('EXISTS')).length };
    } finally {
      await session.rollback();
    }
  }

  const loadDays = (...days: string[]) =>
    loadTrendingFile(db().client, csv(...days.map((d, i) => record('overlap0001', d, 10 + i))), {
      file: 'days.csv',
    });

  it('answers without the probe for an empty table and for days after the newest one', async () => {
    expect(await ask([['overlap0001', '2017-11-14']])).toEqual({ mayOverlap: false, probes: 0 });
    await loadDays('17.14.11', '17.15.11');
    expect(await ask([['overlap0001', '2017-11-16']])).toEqual({ mayOverlap: false, probes: 0 });
  });

  it('asks the table when the chunk reaches back to a loaded day, and finds what is there', async () => {
    await loadDays('17.14.11', '17.15.11');
    expect(await ask([['overlap0001', '2017-11-15']])).toEqual({ mayOverlap: true, probes: 1 });
    expect(await ask([['overlap0002', '2017-11-15']])).toEqual({ mayOverlap: false, probes: 1 });
  });

  it('asks the table once a (video, day) may have repeated in the file', async () => {
    expect(await ask([['overlap0001', '2017-11-14']], true)).toEqual({ mayOverlap: false, probes: 1 });
  });

  it('loads appended days, then an overlapping file, with the right counts either way', async () => {
    const c = db().client;
    await loadDays('17.14.11', '17.15.11');
    await loadDays('17.16.11', '17.17.11');
    // Overlapping: the same days again with other views (upserted, the last file wins).
    await loadTrendingFile(
      c,
      csv(record('overlap0001', '17.15.11', 99), record('overlap0001', '17.16.11', 100)),
      {
        file: 'again.csv',
        chunkBytes: 1,
      },
    );
    const { rows } = await c.query<{ day: string; views: string }>(
      `SELECT day::text AS day, views::text AS views FROM video_daily_stats ORDER BY day`,
    );
    expect(rows).toEqual([
      { day: '2017-11-14', views: '10' },
      { day: '2017-11-15', views: '99' },
      { day: '2017-11-16', views: '100' },
      { day: '2017-11-17', views: '11' },
    ]);
  });
});
