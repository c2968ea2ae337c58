const COMMA = 44;
const QUOTE = 34;
const LF = 10;
const CR = 13;
const NEED_MORE = -1;

/** What the scanner finds: a record (its fields and the byte offset just after it), or a cut-off one. */
export type ScanEvent =
  | { readonly kind: 'record'; readonly fields: string[]; readonly end: number }
  | { readonly kind: 'unclosed' };

/**
 * A streaming CSV scanner for the two Kaggle trending formats, written to read them exactly as
 * csv-parse 7 does with `bom, relax_quotes, relax_column_count, skip_empty_lines,
 * skip_records_with_error` (the options the loader used before), only faster (the measured ratio
 * is in docs/data-model.md, "The CSV scanner", from bench/results/load.json):
 * - the record delimiter is the first CR, LF or CRLF met outside a quoted field (CRLF in the 2017
 *   file, so a bare CR inside a field stays in the field, and a bare LF too);
 * - `""` inside a quoted field is one quote; a quote that closes a field must be followed by a
 *   comma, the record delimiter, the end of the file or a NUL byte;
 * - any other closing quote (the 2017 tags `"a"|"b"`) turns the field into text: the opening
 *   quote, what was read so far, then every byte up to the next comma or record delimiter, as is;
 * - a quote inside an unquoted field is an ordinary character; a UTF-8 BOM at the start is skipped;
 * - empty lines are skipped; a quoted field still open at the end of the file is reported as one
 *   cut-off record (`unclosed`); a last record without a line break is a record.
 * Offsets are bytes from the start of the file (BOM included), as csv-parse's `info.bytes`.
 * Records are only cut when complete, so a record or a multi-byte character split across chunks
 * reads the same as in one piece.
 */
export class CsvScanner {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  /** Absolute offset of the first pending byte. */
  private base = 0;
  private started = false;
  /** 0 unknown, else the delimiter: LF, CR, or CR + LF (CRLF below). */
  private delimiter: 0 | typeof LF | typeof CR | 1310 = 0;
  /** A record left incomplete is scanned again only once this many bytes are pending. */
  private retryAt = 0;

  /** Adds bytes and returns the events for every record they complete. */
  push(chunk: Uint8Array): ScanEvent[] {
    this.pending.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    this.pendingBytes += chunk.byteLength;
    if (this.pendingBytes < this.retryAt) return [];
    return this.scan(false);
  }

  /** Ends the input: returns the events for the rest (a last record, or a cut-off one). */
  end(): ScanEvent[] {
    return this.scan(true);
  }

  private scan(final: boolean): ScanEvent[] {
    let buf = this.pending.length === 1 ? this.pending[0]! : Buffer.concat(this.pending);
    if (!this.started) {
      if (buf.length < 3 && !final) return [];
      this.started = true;
      if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
        buf = buf.subarray(3);
        this.base += 3;
      }
    }
    const events: ScanEvent[] = [];
    let pos = 0;
    while (pos < buf.length) {
      const next = this.record(buf, pos, final, events);
      if (next === NEED_MORE) break;
      pos = next;
    }
    this.base += pos;
    const rest = buf.subarray(pos);
    this.pending = rest.length > 0 ? [rest] : [];
    this.pendingBytes = rest.length;
    // Scan an incomplete record again only when twice as many bytes wait (linear time overall).
    this.retryAt = rest.length > 64 * 1024 ? rest.length * 2 : 0;
    return events;
  }

  /** Length of the record delimiter at i (0 if none), or NEED_MORE when the next byte decides. */
  private delimiterAt(buf: Buffer, i: number, final: boolean): number {
    const b = buf[i];
    if (b !== CR && b !== LF) return 0;
    const d = this.delimiter;
    if (d === LF) return b === LF ? 1 : 0;
    if (d === CR) return b === CR ? 1 : 0;
    if (d === 1310 && b === LF) return 0;
    if (b === LF) {
      this.delimiter = LF;
      return 1;
    }
    if (i + 1 >= buf.length && !final) return NEED_MORE;
    const crlf = buf[i + 1] === LF;
    if (d === 0) this.delimiter = crlf ? 1310 : CR;
    if (this.delimiter === CR) return 1;
    return crlf ? 2 : 0;
  }

  /**
   * Reads one record (after any empty lines) from `start`; pushes its event and returns the
   * position after it, or NEED_MORE when the buffer ends first (and it is not the end of file).
   */
  private record(buf: Buffer, start: number, final: boolean, events: ScanEvent[]): number {
    const len = buf.length;
    const fields: string[] = [];
    let i = start;
    for (;;) {
      // One field starts at i.
      let text: string;
      if (buf[i] === QUOTE) {
        let content = '';
        let from = i + 1;
        let raw = -1;
        for (;;) {
          const q = buf.indexOf(QUOTE, from);
          if (q === -1) {
            if (!final) return NEED_MORE;
            events.push({ kind: 'unclosed' });
            return len;
          }
          if (q + 1 >= len) {
            if (!final) return NEED_MORE;
            content += buf.toString('utf8', from, q);
            i = q + 1;
            break;
          }
          const after = buf[q + 1]!;
          if (after === QUOTE) {
            content += buf.toString('utf8', from, q + 1);
            from = q + 2;
            continue;
          }
          content += buf.toString('utf8', from, q);
          const closes = after === COMMA || after === 0 ? 1 : this.delimiterAt(buf, q + 1, final);
          if (closes === NEED_MORE) return NEED_MORE;
          if (closes !== 0) {
            i = q + 1;
            break;
          }
          // A quote that does not close the field: the rest of the field is plain text.
          raw = q;
          i = q;
          break;
        }
        // After a closing quote: a NUL and then text may follow; after a stray quote, all is text.
        const tail = this.plainEnd(buf, i, final);
        if (tail === NEED_MORE) return NEED_MORE;
        if (raw === -1) text = tail === i ? content : content + buf.toString('utf8', i, tail);
        else text = `"${content}${buf.toString('utf8', raw, tail)}`;
        i = tail;
      } else {
        const end = this.plainEnd(buf, i, final);
        if (end === NEED_MORE) return NEED_MORE;
        if (end === i && fields.length === 0 && i < len && buf[i] !== COMMA) {
          // An empty line (only a delimiter): skipped, and the record starts after it.
          i += this.delimiterAt(buf, i, final);
          start = i;
          if (i >= len) return len;
          continue;
        }
        text = buf.toString('utf8', i, end);
        i = end;
      }
      fields.push(text);
      if (i >= len) {
        if (!final) return NEED_MORE;
        events.push({ kind: 'record', fields, end: this.base + len });
        return len;
      }
      if (buf[i] === COMMA) {
        i += 1;
        if (i >= len) {
          if (!final) return NEED_MORE;
          fields.push('');
          events.push({ kind: 'record', fields, end: this.base + len });
          return len;
        }
        continue;
      }
      const d = this.delimiterAt(buf, i, final);
      events.push({ kind: 'record', fields, end: this.base + i + d });
      return i + d;
    }
  }

  /** Where a plain (unquoted) stretch from i ends: the next comma or record delimiter, or len. */
  private plainEnd(buf: Buffer, from: number, final: boolean): number {
    const len = buf.length;
    for (let i = from; i < len; i += 1) {
      const b = buf[i]!;
      if (b === COMMA) return i;
      if (b === LF || b === CR) {
        const d = this.delimiterAt(buf, i, final);
        if (d === NEED_MORE) return NEED_MORE;
        if (d !== 0) return i;
      }
    }
    return len;
  }
}
