import type { Readable } from 'node:stream';
import { CsvScanner, type ScanEvent } from './csvScanner.ts';
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

const CUT_OFF = 'record is cut off: a quoted field opened in it is never closed before the end of the file';

function expectedHeaders(): string {
  return trendingFormats.map((f) => `${f.description}: ${f.columns.join(',')}`).join('; ');
}

/**
 * Reads a trending CSV as a stream of records. The header picks the format; every later record
 * comes back as a normalised row or as a bad record with its line and reason. Errors that
 * concern the whole file (empty, unknown header, not UTF-8, not gzip) throw a LoadError.
 *
 * Parsing is lenient where the real files need it (see CsvScanner, which reads them as csv-parse
 * with relax_quotes did): bare quotes inside fields (the 2017 tags), CRLF, a BOM, quoted fields
 * with real newlines (2020). A quoted field left open at the end of the file (the truncated 2020
 * copy) becomes one bad record.
 */
export async function readTrendingRecords(bytes: Readable, file: string): Promise<TrendingRecords> {
  const counter = new Utf8LineCounter();
  const scanner = new CsvScanner();
  const chunks = bytes[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  let queue: ScanEvent[] = [];
  let head = 0;
  let ended = false;

  const fail = (error: unknown): never => {
    const cause = error instanceof Error ? error : new Error(String(error));
    if (cause instanceof LoadError) throw cause;
    if (cause instanceof NotUtf8Error) throw new LoadError(file, cause.line, cause.message, { cause });
    if ((cause as { code?: string }).code === 'Z_DATA_ERROR') {
      throw new LoadError(file, undefined, `not a valid gzip file: ${cause.message}`, { cause });
    }
    throw new LoadError(file, undefined, cause.message, { cause });
  };
  /** The next scanned event, reading chunks as needed; undefined at the end of the file. */
  const next = async (): Promise<ScanEvent | undefined> => {
    while (head >= queue.length) {
      if (ended) return undefined;
      try {
        const step = await chunks.next();
        if (step.done) {
          counter.finish();
          queue = scanner.end();
          ended = true;
        } else {
          const chunk = typeof step.value === 'string' ? Buffer.from(step.value) : step.value;
          counter.feed(chunk);
          queue = scanner.push(chunk);
        }
      } catch (error) {
        fail(error);
      }
      head = 0;
    }
    const event = queue[head]!;
    head += 1;
    return event;
  };

  const close = () => {
    bytes.destroy();
  };
  let first: ScanEvent | undefined;
  try {
    first = await next();
  } catch (error) {
    close();
    throw error;
  }
  if (first?.kind === 'unclosed') throw new LoadError(file, 1, `header is unreadable: ${CUT_OFF}`);
  if (!first) {
    throw new LoadError(file, undefined, 'file is empty (expected a Kaggle trending CSV with a header line)');
  }
  const header = first.fields;
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
    // A record starts where the one before it ended (csv-parse's info.bytes, as before).
    let recordStart = first!.kind === 'record' ? first!.end : 0;
    try {
      for (;;) {
        const event = await next();
        if (!event) break;
        const line = counter.lineAt(recordStart);
        if (event.kind === 'unclosed') {
          yield { kind: 'bad', line, reason: CUT_OFF };
          continue;
        }
        const record = event.fields;
        recordStart = event.end;
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
    } finally {
      close();
    }
  }
  return { format, records: records() };
}
