import type { Readable } from 'node:stream';
import { CsvScanner, type ScanEvent } from './csvScanner.ts';
import { LoadError } from './errors.ts';
import { FieldError } from './parseFields.ts';
import { NotUtf8Error, Utf8LineCounter } from './utf8LineCounter.ts';

/** A CSV layout the loader knows: its exact header and how one record becomes a row. */
export interface CsvFormat<Row> {
  readonly name: string;
  /** Shown in messages, e.g. "Kaggle youtube-new (2017)". */
  readonly description: string;
  readonly columns: readonly string[];
  /** Throws a FieldError with the reason when a field is invalid. */
  toRow(fields: readonly string[], line: number): Row;
}

/** A record read from a CSV file: a good row, or a bad one with its line and reason. */
export type CsvRecord<Row> =
  | { readonly kind: 'row'; readonly row: Row }
  | { readonly kind: 'bad'; readonly line: number; readonly reason: string };

type RowOf<F> = F extends CsvFormat<infer R> ? R : never;

export interface CsvRecords<F> {
  readonly format: F;
  readonly records: AsyncIterable<CsvRecord<RowOf<F>>>;
}

const CUT_OFF = 'record is cut off: a quoted field opened in it is never closed before the end of the file';

/** The format whose header is exactly `header` (names trimmed, a BOM already gone), or undefined. */
export function detectCsvFormat<F extends CsvFormat<unknown>>(
  header: readonly string[],
  formats: readonly F[],
): F | undefined {
  const names = header.map((h) => h.trim());
  return formats.find((f) => f.columns.length === names.length && f.columns.every((c, i) => c === names[i]));
}

/** "A: a,b,c; B: d,e": every expected header, for the message about an unknown one. */
export function expectedHeaders(formats: readonly CsvFormat<unknown>[]): string {
  return formats.map((f) => `${f.description}: ${f.columns.join(',')}`).join('; ');
}

/** What a file that matches none of `formats` is called in messages. */
export interface UnknownHeaderText {
  /** After `header "..." is `, e.g. "neither Kaggle trending format". */
  readonly notA: string;
  /** After `file is empty (expected `, e.g. "a Kaggle trending CSV with a header line". */
  readonly expected: string;
}

/**
 * Reads a CSV file as a stream of records. The header picks the format among `formats`; every
 * later record comes back as a row or as a bad record with its line and reason. Errors that
 * concern the whole file (empty, unknown header, not UTF-8, not gzip) throw a LoadError.
 *
 * Parsing is lenient where real files need it (see CsvScanner, which reads them as csv-parse
 * with relax_quotes did): bare quotes inside fields, CRLF, a BOM, quoted fields with real
 * newlines. A quoted field left open at the end of the file becomes one bad record.
 */
export async function readCsvRecords<F extends CsvFormat<unknown>>(
  bytes: Readable,
  file: string,
  formats: readonly F[],
  text: UnknownHeaderText,
): Promise<CsvRecords<F>> {
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
    if ((cause as { code?: string }).code === 'Z_BUF_ERROR') {
      const why = 'the file is cut off, e.g. a copy or download that did not finish';
      throw new LoadError(file, undefined, `the gzip data ends early (${cause.message}): ${why}`, { cause });
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
  if (!first) throw new LoadError(file, undefined, `file is empty (expected ${text.expected})`);
  const header = first.fields;
  const format = detectCsvFormat(header, formats);
  if (!format) {
    close();
    const shown = header.slice(0, 6).join(',');
    throw new LoadError(
      file,
      1,
      `header "${shown}${header.length > 6 ? ',...' : ''}" is ${text.notA} (expected ${expectedHeaders(formats)})`,
    );
  }

  async function* records(): AsyncGenerator<CsvRecord<RowOf<F>>> {
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
          yield { kind: 'row', row: format!.toRow(record, line) as RowOf<F> };
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
