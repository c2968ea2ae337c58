import { createReadStream, readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { LoadError } from '../../../db/load/errors.ts';
import { openTrendingFile } from '../../../db/load/openTrendingFile.ts';
import { parseCount, parseTags, parseYyDdMm } from '../../../db/load/parseFields.ts';
import { readTrendingRecords, type TrendingRecord } from '../../../db/load/readTrendingRecords.ts';
import { validUtf8Prefix } from '../../../db/load/utf8LineCounter.ts';

const fixture = (name: string) => `tests/fixtures/trending/${name}`;
const DEMO = 'data/demo/US_trending_2017-11.csv.gz';
const TRUNCATED_2020 = fixture('kaggle_rsrishav_US_2020-08-12_to_2020-08-16_TRUNCATED.csv');

async function readAll(bytes: Readable, name = 'input.csv') {
  const { format, records } = await readTrendingRecords(bytes, name);
  const all: TrendingRecord[] = [];
  for await (const r of records) all.push(r);
  return {
    format: format.name,
    rows: all.flatMap((r) => (r.kind === 'row' ? [r.row] : [])),
    bad: all.filter((r) => r.kind === 'bad'),
  };
}

describe('readTrendingRecords', () => {
  it('reads the gzip demo file as 3,000 youtube-new records with physical line numbers', async () => {
    const { format, rows, bad } = await readAll(await openTrendingFile(DEMO), DEMO);
    expect(format).toBe('youtube-new-2017');
    expect(bad).toEqual([]);
    expect(rows).toHaveLength(3000);
    // Bare "\r" inside fields must not shift lines: record n starts on line n + 1.
    expect(rows[0]!.line).toBe(2);
    expect(rows[999]!.line).toBe(1001);
    expect(rows.at(-1)!.line).toBe(3001);
    expect(rows[0]).toMatchObject({
      videoId: '2kyS6SvSYSE',
      day: '2017-11-14',
      channelTitle: 'CaseyNeistat',
      channelIdDerived: true,
      categoryId: 22,
      publishedAt: '2017-11-13T17:13:01.000Z',
      tags: ['SHANtell martin'],
      views: 748374n,
    });
    expect(rows[0]!.channelId).toMatch(/^title:[A-Za-z0-9_-]{22}$/);
    // Literal "\n" in 2017 descriptions become real newlines.
    expect(rows[0]!.description).toContain('shantellmartin\nCANDICE');
    expect(rows[1]!.tags).toContain('last week tonight trump presidency');
    expect(new Set(rows.map((r) => r.day)).size).toBe(15);
  });

  it('reads the 2020 file as 872 records and reports the cut-off last record at line 2646', async () => {
    const { format, rows, bad } = await readAll(createReadStream(TRUNCATED_2020));
    expect(format).toBe('rsrishav-2020');
    expect(rows).toHaveLength(872);
    expect(rows[0]).toMatchObject({
      videoId: '3C66w5Z0ixs',
      channelId: 'UCvtRTOMP2TqYqu51xNrqAzg',
      day: '2020-08-12',
      channelIdDerived: false,
    });
    expect(rows[1]!.line).toBe(10);
    expect(bad).toEqual([{ kind: 'bad', line: 2646, reason: expect.stringContaining('never closed') }]);
  });

  it('rejects an empty file, a foreign header and a non-UTF-8 file with the line', async () => {
    await expect(readAll(Readable.from([]), 'empty.csv')).rejects.toThrow('empty.csv: file is empty');
    await expect(readAll(createReadStream(fixture('neither-format.csv')), 'x.csv')).rejects.toThrow(
      /x\.csv: line 1: header "id,name,score" is neither Kaggle trending format/,
    );
    const error = await readAll(createReadStream(fixture('latin1.csv')), 'latin1.csv').catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(LoadError);
    expect((error as LoadError).line).toBe(3);
    expect((error as LoadError).message).toContain('not valid UTF-8');
  });

  it('turns bad fields into bad records with their line and reason', async () => {
    const negative = await readAll(createReadStream(fixture('negative-count.csv')));
    expect(negative.bad).toEqual([{ kind: 'bad', line: 3, reason: 'views is negative: -5' }]);
    const text = await readAll(createReadStream(fixture('non-numeric-count.csv')));
    expect(text.bad).toEqual([{ kind: 'bad', line: 4, reason: 'likes is not a whole number: "12k"' }]);
    expect(text.rows.map((r) => r.line)).toEqual([2, 3]);
  });

  it('reads a file that starts with a UTF-8 BOM with the same lines', async () => {
    const body = readFileSync(fixture('negative-count.csv'));
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]);
    const { format, rows, bad } = await readAll(Readable.from([withBom]));
    expect(format).toBe('youtube-new-2017');
    expect(rows.map((r) => r.line)).toEqual([2, 4]);
    expect(bad.map((b) => b.line)).toEqual([3]);
  });

  it('reports a record with the wrong number of fields', async () => {
    const header =
      'video_id,trending_date,title,channel_title,category_id,publish_time,tags,views,likes,dislikes,comment_count,thumbnail_link,comments_disabled,ratings_disabled,video_error_or_removed,description';
    const { bad } = await readAll(Readable.from([`${header}\nabc,17.14.11,short\n`]));
    expect(bad).toEqual([
      { kind: 'bad', line: 2, reason: expect.stringContaining('has 3 fields, expected 16') },
    ]);
  });
});

describe('field parsers', () => {
  it('parseYyDdMm reads year, day, month and rejects impossible dates', () => {
    expect(parseYyDdMm('17.14.11')).toBe('2017-11-14');
    expect(() => parseYyDdMm('17.11.14')).toThrow('not a YY.DD.MM date');
    expect(() => parseYyDdMm('2017-11-14')).toThrow('not a YY.DD.MM date');
  });

  it('parseTags handles bare quotes, plain pipes and [none]', () => {
    expect(parseTags('"a b"|"c"')).toEqual(['a b', 'c']);
    expect(parseTags('a b|"c"')).toEqual(['a b', 'c']);
    expect(parseTags('x|y')).toEqual(['x', 'y']);
    expect(parseTags('[none]')).toEqual([]);
    expect(parseTags('[None]')).toEqual([]);
  });

  it('parseCount accepts whole numbers only', () => {
    expect(parseCount('views', '12')).toBe(12n);
    expect(parseCount('likes', '', true)).toBeNull();
    expect(() => parseCount('views', '')).toThrow('views is not a whole number');
    expect(() => parseCount('views', '-1')).toThrow('views is negative: -1');
    expect(() => parseCount('views', '1.5')).toThrow('not a whole number');
  });

  it('validUtf8Prefix finds the first invalid byte and accepts a partial character at the end', () => {
    expect(validUtf8Prefix(Buffer.from('héllo'))).toBe(6);
    expect(validUtf8Prefix(Buffer.from([0x61, 0xe9, 0x62]))).toBe(1);
    expect(validUtf8Prefix(Buffer.from([0x61, 0xc3]))).toBe(2);
  });
});

describe('readTrendingRecords over chunks', () => {
  const body = readFileSync(fixture('small-2017.csv'));
  const chunked = (bytes: Buffer, size: number) => {
    const chunks: Buffer[] = [];
    for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
    return Readable.from(chunks);
  };

  it('reads the same records whatever the chunk size, multi-byte characters split included', async () => {
    const withAccents = Buffer.from(body.toString('utf8').replaceAll('A video', 'Ä vidéo 😀'));
    const whole = await readAll(Readable.from([withAccents]));
    expect(whole.rows.length).toBeGreaterThan(0);
    expect(whole.rows.some((r) => r.title.includes('Ä vidéo 😀'))).toBe(true);
    for (const size of [1, 2, 3, 5, 64]) expect(await readAll(chunked(withAccents, size))).toEqual(whole);
  });

  it('rejects a bad byte in a later chunk with its line, and a file cut inside a character', async () => {
    const text = body.toString('utf8');
    const secondLine = text.indexOf('\n') + 1;
    const latin1 = Buffer.concat([
      body.subarray(0, secondLine + 5),
      Buffer.from([0xe9]),
      body.subarray(secondLine + 5),
    ]);
    const error = await readAll(chunked(latin1, 7), 'l.csv').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LoadError);
    expect((error as LoadError).message).toMatch(
      /^l\.csv: line 2: not valid UTF-8 \(first bad byte at offset \d+\)/,
    );
    const cut = Buffer.concat([body, Buffer.from([0xe2, 0x82])]);
    await expect(readAll(chunked(cut, 4), 'cut.csv')).rejects.toThrow(/cut\.csv: line \d+: not valid UTF-8/);
  });
});
