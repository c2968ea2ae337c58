import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type CsvError, parse } from 'csv-parse';
import { LoadError } from './errors.ts';
import { FieldError } from './parseFields.ts';
import type { TrendingRow } from './TrendingRow.ts';
import { detectFormat, type TrendingFormat, trendingFormats } from './trendingFormats.ts';
import { NotUtf8Error, Utf8LineCounter } from './utf8LineCounter.ts';

/** A record read from a trending file: a good row, or a bad one with the reason. */
export type TrendingRecord =
  | { readonly kind: 'row'; readonly row: TrendingRow }
  | { readonly kind: 'bad'; readonly line: number; readonly reason: string };

export interface TrendingRecords {
  readonly format: TrendingFormat;
  readonly records: AsyncIterable<TrendingRecord>;
}

function csvReason(error: CsvError): string {
  if (error.code === 'CSV_QUOTE_NOT_CLOSED') {
    return 'record is cut off: a quoted field opened in it is never closed before the end of the file';
  }
  return error.message;
}

function expectedHeaders(): string {
  return trendingFormats.map((f) => `${f.description}: ${f.columns.join(',')}`).join('; ');
}

/**
 * Reads a trending CSV as a stream of records. The header picks the format; every later record
 * comes back as a normalised row or as a bad record with its line and reason. Errors that
 * concern the whole file (empty, unknown header, not UTF-8) throw a LoadError.
 *
 * Parsing is lenient where the real files need it: bare quotes inside fields (the 2017 tags),
 * CRLF, a BOM, quoted fields with real newlines (2020). A quoted field left open at the end of
 * the file (the truncated 2020 copy) becomes one bad record.
 */
export async function readTrendingRecords(bytes: Readable, file: string): Promise<TrendingRecords> {
  const counter = new Utf8LineCounter();
  // Records csv-parse had to skip, by where they start and end, until the reader reaches them.
  const skips: { start: number; end: number; reason: string }[] = [];
  const parser = parse({
    bom: true,
    info: true,
    relax_quotes: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: (error) => {
      const start = parser.info.bytes_records;
      const end = Math.max(start, (error as { bytes?: number } | undefined)?.bytes ?? start);
      skips.push({ start, end, reason: error ? csvReason(error) : 'unreadable record' });
      return undefined;
    },
  });
  const piped = pipeline(bytes, counter, parser).catch((error: unknown) => error);
  const iterator = parser[Symbol.asyncIterator]() as AsyncIterator<{
    record: string[];
    info: { bytes: number };
  }>;

  const fail = async (error: unknown): Promise<never> => {
    const cause = error instanceof Error ? error : new Error(String(error));
    if (cause instanceof LoadError) throw cause;
    if (cause instanceof NotUtf8Error) throw new LoadError(file, cause.line, cause.message, { cause });
    if ((cause as { code?: string }).code === 'Z_DATA_ERROR') {
      throw new LoadError(file, undefined, `not a valid gzip file: ${cause.message}`, { cause });
    }
    throw new LoadError(file, undefined, cause.message, { cause });
  };
  const next = async () => {
    try {
      const step = await iterator.next();
      if (step.done) {
        const error = await piped;
        if (error) await fail(error);
      }
      return step;
    } catch (error) {
      return fail((await piped) ?? error);
    }
  };

  const close = () => {
    parser.destroy();
    bytes.destroy();
  };
  let first: Awaited<ReturnType<typeof next>>;
  try {
    first = await next();
  } catch (error) {
    close();
    throw error;
  }
  if (first.done) {
    if (skips.length > 0) throw new LoadError(file, 1, `header is unreadable: ${skips[0]!.reason}`);
    throw new LoadError(file, undefined, 'file is empty (expected a Kaggle trending CSV with a header line)');
  }
  const header = first.value.record;
  const format = detectFormat(header);
  if (!format) {
    close();
    const shown = header.slice(0, 6).join(',');
    throw new LoadError(
      file,
      1,
      `header "${shown}${header.length > 6 ? ',...' : ''}" is neither Kaggle trending format (expected ${expectedHeaders()})`,
    );
  }

  async function* records(): AsyncGenerator<TrendingRecord> {
    const columns = format!.columns.length;
    let recordStart = first.done ? 0 : first.value.info.bytes;
    function* flushSkips(before: number): Generator<TrendingRecord> {
      while (skips.length > 0 && skips[0]!.start < before) {
        const skip = skips.shift()!;
        // A skipped record starts where the last record read ended.
        yield { kind: 'bad', line: counter.lineAt(recordStart), reason: skip.reason };
        recordStart = Math.max(recordStart, skip.end);
      }
    }
    try {
      for (;;) {
        const step = await next();
        if (step.done) break;
        const { record, info } = step.value;
        yield* flushSkips(info.bytes);
        const line = counter.lineAt(recordStart);
        recordStart = info.bytes;
        if (record.length !== columns) {
          const reason = `has ${record.length} fields, expected ${columns} (${format!.description})`;
          yield { kind: 'bad', line, reason };
          continue;
        }
        try {
          yield { kind: 'row', row: format!.toRow(record, line) };
        } catch (error) {
          if (!(error instanceof FieldError)) throw error;
          yield { kind: 'bad', line, reason: error.message };
        }
      }
      yield* flushSkips(Number.POSITIVE_INFINITY);
    } finally {
      close();
    }
  }
  return { format, records: records() };
}
