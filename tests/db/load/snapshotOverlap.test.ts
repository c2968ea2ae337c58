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

  /** A real bulk session whose statements are recorded, with one staged chunk of `rows`. */
  async function stagedChunk(rows: [string, string][]) {
    const session = await openBulkSession(db().client);
    const statements: string[] = [];
    const seen: BulkSession = {
      ...session,
      query: (sql, params) => {
        statements.push(sql);
        return session.query(sql, params);
      },
    };
    await session.query(CREATE_STAGING);
    await session.copy(
      STAGING_TABLE,
      STAGING_COLUMNS,
      rows.map(([video, day], i) => stagingRow(i + 2, video, day)),
    );
    const probes = () => statements.filter((s) => s.includes('EXISTS')).length;
    return { session: seen, probes };
  }

  const loadDays = (...days: string[]) =>
    loadTrendingFile(db().client, csv(...days.map((d, i) => record('overlap0001', d, 10 + i))), {
      file: 'days.csv',
    });

  it('answers without the probe for an empty table and for days after the newest one', async () => {
    const empty = await stagedChunk([['overlap0001', '2017-11-14']]);
    const overlap = await planSnapshotOverlap(empty.session, () => false);
    expect(await overlap.mayOverlap(empty.session)).toBe(false);
    expect(empty.probes()).toBe(0);
    await empty.session.rollback();

    await loadDays('17.14.11', '17.15.11');
    const later = await stagedChunk([['overlap0001', '2017-11-16']]);
    expect(await (await planSnapshotOverlap(later.session, () => false)).mayOverlap(later.session)).toBe(
      false,
    );
    expect(later.probes()).toBe(0);
    await later.session.rollback();
  });

  it('asks the table when the chunk reaches back to a loaded day, and finds what is there', async () => {
    await loadDays('17.14.11', '17.15.11');
    const again = await stagedChunk([['overlap0001', '2017-11-15']]);
    expect(await (await planSnapshotOverlap(again.session, () => false)).mayOverlap(again.session)).toBe(
      true,
    );
    expect(again.probes()).toBe(1);
    await again.session.rollback();

    const otherVideo = await stagedChunk([['overlap0002', '2017-11-15']]);
    const overlap = await planSnapshotOverlap(otherVideo.session, () => false);
    expect(await overlap.mayOverlap(otherVideo.session)).toBe(false);
    expect(otherVideo.probes()).toBe(1);
    await otherVideo.session.rollback();
  });

  it('asks the table once a (video, day) may have repeated in the file', async () => {
    const repeated = await stagedChunk([['overlap0001', '2017-11-14']]);
    const overlap = await planSnapshotOverlap(repeated.session, () => true);
    expect(await overlap.mayOverlap(repeated.session)).toBe(false);
    expect(repeated.probes()).toBe(1);
    await repeated.session.rollback();
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
