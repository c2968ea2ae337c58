import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { expect, it } from 'vitest';
import { BadRecordError, LoadError } from '../../../db/load/errors.ts';
import { loadTrendingFile } from '../../../db/load/loadTrendingFile.ts';
import { openTrendingFile } from '../../../db/load/openTrendingFile.ts';
import { describeEachBackend } from '../../support/backends.ts';
import { tableFingerprint } from './tableFingerprint.ts';

const fixture = (name: string) => `tests/fixtures/trending/${name}`;

describeEachBackend('loadTrendingFile with bad inputs', (db) => {
  const load = async (name: string, skipBadRows = false, file = fixture(name)) =>
    loadTrendingFile(db().client, await openTrendingFile(file), { file: name, skipBadRows });

  /** Asserts that loading `name` fails with `message` and leaves the database unchanged. */
  async function expectRejected(name: string, message: string | RegExp, line?: number, file?: string) {
    const before = await tableFingerprint(db().client);
    const error = await load(name, false, file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LoadError);
    expect((error as LoadError).message).toMatch(message);
    if (line !== undefined) expect((error as LoadError).line).toBe(line);
    expect(await tableFingerprint(db().client)).toEqual(before);
  }

  it('loads a small 2017 file first, so the failures below have data to leave alone', async () => {
    const result = await load('small-2017.csv');
    expect(result).toMatchObject({ rows: 4, videos: 3, channels: 2, days: 2, skipped: [], warnings: [] });
    const { rows } = await db().client.query<{
      title: string;
      views: bigint;
      description: string;
      tags: string[];
    }>("SELECT title, views, description, tags FROM videos WHERE video_id = 'aaaaaaaaaaa'");
    expect(rows[0]).toEqual({
      title: 'A video (renamed)',
      views: 1500n,
      description: 'first\nsecond',
      tags: ['one', 'two words', 'three'],
    });
    // No category file: the category is a placeholder until a real list is loaded.
    const category = await db().client.query(
      'SELECT title, assignable FROM categories WHERE category_id = 24',
    );
    expect(category.rows[0]).toEqual({ title: 'Category 24', assignable: false });
  });

  it('rejects an empty file', () => expectRejected('empty.csv', 'empty.csv: file is empty'));

  it('rejects a file in neither format', () =>
    expectRejected(
      'neither-format.csv',
      /line 1: header "id,name,score" is neither Kaggle trending format/,
      1,
    ));

  it('rejects a non-UTF-8 file, naming the line of the first bad byte', () =>
    expectRejected('latin1.csv', /latin1\.csv: line 3: not valid UTF-8/, 3));

  it('rejects a truncated record', () =>
    expectRejected('truncated-2020.csv', /line 5: record is cut off/, 5));

  it('rejects a gzip file that is cut off or damaged, and says which', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'tubelens-gz-'));
    try {
      const whole = gzipSync(await readFile(fixture('small-2017.csv')));
      const cut = path.join(dir, 'cut.csv.gz');
      await writeFile(cut, whole.subarray(0, whole.length - 12));
      await expectRejected('cut.csv.gz', 'cut.csv.gz: the gzip data ends early', undefined, cut);
      // The stored CRC no longer matches the data.
      const damaged = path.join(dir, 'damaged.csv.gz');
      const bytes = Buffer.from(whole);
      bytes[bytes.length - 8]! ^= 0xff;
      await writeFile(damaged, bytes);
      await expectRejected('damaged.csv.gz', 'damaged.csv.gz: not a valid gzip file', undefined, damaged);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('stops at a negative count and keeps nothing of the file', async () => {
    await expectRejected('negative-count.csv', 'negative-count.csv: line 3: views is negative: -5', 3);
    const error = await load('negative-count.csv').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRecordError);
  });

  it('stops at a non-numeric count', () =>
    expectRejected('non-numeric-count.csv', 'line 4: likes is not a whole number: "12k"', 4));

  it('with skipBadRows loads the other records and reports each skipped one', async () => {
    const negative = await load('negative-count.csv', true);
    expect(negative.rows).toBe(2);
    expect(negative.skipped).toEqual([
      { file: 'negative-count.csv', line: 3, reason: 'views is negative: -5' },
    ]);
    const truncated = await load('truncated-2020.csv', true);
    expect(truncated.rows).toBe(2);
    expect(truncated.skipped).toEqual([
      { file: 'truncated-2020.csv', line: 5, reason: expect.stringContaining('cut off') },
    ]);
  });

  it('keeps a video whose views go backwards and reports it as a warning', async () => {
    const result = await load('backwards-views.csv');
    expect(result.rows).toBe(4);
    expect(result.warnings).toEqual([
      {
        line: 4,
        message:
          'video aaaaaaaaaaa has fewer views on 2017-11-16 (1300) than on 2017-11-15 (1400); kept as recorded',
      },
    ]);
    const { rows } = await db().client.query<{ views: bigint }>(
      "SELECT views FROM video_daily_stats WHERE video_id = 'aaaaaaaaaaa' AND day = '2017-11-16'",
    );
    expect(rows).toEqual([{ views: 1300n }]);
  });

  it('loads a header-only file as zero records', async () => {
    const result = await load('header-only.csv');
    expect(result).toMatchObject({ rows: 0, videos: 0, skipped: [], warnings: [] });
  });
});
