import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse';
import { describe, expect, it } from 'vitest';
import { CsvScanner, type ScanEvent } from '../../../db/load/csvScanner.ts';

/** csv-parse with the options the loader used before the scanner: the reference behaviour. */
async function reference(bytes: Buffer, chunks: Buffer[]): Promise<ScanEvent[]> {
  const events: ScanEvent[] = [];
  const parser = parse({
    bom: true,
    relax_quotes: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    // Both callbacks run synchronously in parse order, so records and skips stay in order.
    on_skip: () => {
      events.push({ kind: 'unclosed' });
      return undefined;
    },
    on_record: (record: string[], context: { bytes: number }) => {
      events.push({ kind: 'record', fields: record, end: context.bytes });
      return null;
    },
  });
  const done = (async () => {
    for await (const _ of parser) void _;
  })();
  for (const chunk of chunks.length > 0 ? chunks : [bytes]) parser.write(chunk);
  parser.end();
  await done;
  return events;
}

function scan(chunks: Buffer[]): ScanEvent[] {
  const scanner = new CsvScanner();
  const events: ScanEvent[] = [];
  for (const chunk of chunks) events.push(...scanner.push(chunk));
  events.push(...scanner.end());
  return events;
}

/** Splits bytes into chunks of `size` (or at the given cut points). */
function split(bytes: Buffer, size: number): Buffer[] {
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
  return chunks;
}

function cutAt(bytes: Buffer, cuts: number[]): Buffer[] {
  const points = [0, ...cuts.filter((c) => c > 0 && c < bytes.length).sort((a, b) => a - b), bytes.length];
  return points.slice(1).map((end, i) => bytes.subarray(points[i], end));
}

async function expectSameAsCsvParse(bytes: Buffer, chunks: Buffer[]) {
  const expected = await reference(bytes, chunks);
  expect(scan(chunks)).toEqual(expected);
  return expected;
}

const HEADER_2017 =
  'video_id,trending_date,title,channel_title,category_id,publish_time,tags,views,likes,dislikes,comment_count,thumbnail_link,comments_disabled,ratings_disabled,video_error_or_removed,description';

describe('CsvScanner', () => {
  it('reads the real files exactly as csv-parse does, in chunks of any size', async () => {
    const files = [
      gunzipSync(readFileSync('data/demo/US_trending_2017-11.csv.gz')),
      readFileSync('tests/fixtures/trending/kaggle_rsrishav_US_2020-08-12_to_2020-08-16_TRUNCATED.csv'),
    ];
    for (const bytes of files) {
      const whole = await expectSameAsCsvParse(bytes, [bytes]);
      expect(whole.length).toBeGreaterThan(800);
      expect(scan(split(bytes, 65_536))).toEqual(whole);
      expect(scan(split(bytes, 997))).toEqual(whole);
    }
  });

  it('reads the 2017 quirks: bare-quoted tags, literal \\n, CRLF, a stray CR inside a field', async () => {
    const row =
      'abcdefghijk,17.14.11,"A ""quoted"" title",Chan,22,2017-11-13T17:13:01.000Z,"a"|"b, c"|"d",5,1,0,2,http://x,False,False,False,"line\\nnext\rstill"';
    const bytes = Buffer.from(
      `${HEADER_2017}\r\n${row}\r\n\r\n${row.replace('"a"|"b, c"|"d"', '"x"|"y"')}\r\n`,
    );
    const events = await expectSameAsCsvParse(bytes, [bytes]);
    const records = events.flatMap((e) => (e.kind === 'record' ? [e.fields] : []));
    expect(records[1]![2]).toBe('A "quoted" title');
    // A comma inside a bare-quoted tag list splits the field, as csv-parse does (17 fields).
    expect(records[1]).toHaveLength(17);
    expect(records[1]![6]).toBe('"a"|"b');
    expect(records[2]![6]).toBe('"x"|"y"');
    expect(records[2]![15]).toBe('line\\nnext\rstill');
    expect(records).toHaveLength(3);
  });

  it('reads the 2020 layout: every field quoted, real newlines inside, a cut-off last record', async () => {
    const bytes = Buffer.from('"a","b"\n"one\ntwo","x"\n"three","unfinished\nrecord');
    const events = await expectSameAsCsvParse(bytes, [bytes]);
    expect(events).toEqual([
      { kind: 'record', fields: ['a', 'b'], end: 8 },
      { kind: 'record', fields: ['one\ntwo', 'x'], end: 22 },
      { kind: 'unclosed' },
    ]);
  });

  it('reads a record and a multi-byte character split across chunks the same as whole', async () => {
    const bytes = Buffer.from('h1,h2\r\n"héllo 😀 ""q""",wörld\r\n"a"|"b",ç\r\nlast,ß');
    const whole = await expectSameAsCsvParse(bytes, [bytes]);
    expect(whole.at(-1)).toEqual({ kind: 'record', fields: ['last', 'ß'], end: bytes.length });
    for (let cut = 1; cut < bytes.length; cut += 1) {
      expect(scan(cutAt(bytes, [cut]))).toEqual(whole);
      expect(scan(cutAt(bytes, [cut - 1, cut, cut + 1]))).toEqual(whole);
    }
    expect(scan(split(bytes, 1))).toEqual(whole);
  });

  it('skips a BOM and empty lines, keeps offsets from the start of the file', async () => {
    const bytes = Buffer.from('\uFEFFa,b\n\n\nc,d\n""\nx,\n');
    const events = await expectSameAsCsvParse(bytes, split(bytes, 1));
    expect(events[0]).toEqual({ kind: 'record', fields: ['a', 'b'], end: 7 });
    expect(events).toHaveLength(4);
  });

  it('agrees with csv-parse on random inputs made of the quirky characters, in random chunks', async () => {
    // A seeded generator, so a failure can be replayed.
    let seed = 20171114;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const alphabet = ['a', 'b', ',', '"', '"', '""', '\n', '\r', '\r\n', 'é', '😀', '|', '\0', ' ', '\\n'];
    for (let round = 0; round < 400; round += 1) {
      let text = round % 3 === 0 ? '\uFEFF' : '';
      const length = 1 + Math.floor(random() * 60);
      for (let k = 0; k < length; k += 1) text += alphabet[Math.floor(random() * alphabet.length)];
      const bytes = Buffer.from(text);
      const cuts = Array.from({ length: Math.floor(random() * 4) }, () =>
        Math.floor(random() * bytes.length),
      );
      const chunks = cutAt(bytes, cuts);
      const expected = await reference(bytes, chunks);
      expect({ text, events: scan(chunks) }).toEqual({ text, events: expected });
    }
  });
});
