import { Transform, type TransformCallback } from 'node:stream';

/** Thrown by the counter when the bytes are not UTF-8; carries the line of the bad byte. */
export class NotUtf8Error extends Error {
  override name = 'NotUtf8Error';
  readonly line: number;
  readonly offset: number;
  constructor(line: number, offset: number) {
    super(`not valid UTF-8 (first bad byte at offset ${offset}); save the file as UTF-8 and load it again`);
    this.line = line;
    this.offset = offset;
  }
}

/** Length of the valid UTF-8 prefix of `b` (a partial sequence at the very end counts as valid). */
export function validUtf8Prefix(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    let n: number;
    if (c < 0x80) n = 0;
    else if (c >= 0xc2 && c <= 0xdf) n = 1;
    else if (c >= 0xe0 && c <= 0xef) n = 2;
    else if (c >= 0xf0 && c <= 0xf4) n = 3;
    else return i;
    if (i + n >= b.length) return checkTail(b, i);
    for (let k = 1; k <= n; k += 1) if ((b[i + k]! & 0xc0) !== 0x80) return i;
    i += n + 1;
  }
  return i;
}

function checkTail(b: Uint8Array, i: number): number {
  for (let k = i + 1; k < b.length; k += 1) if ((b[k]! & 0xc0) !== 0x80) return i;
  return b.length;
}

/**
 * Passes bytes through unchanged while (1) checking that they are UTF-8 and (2) remembering
 * where each "\n" is, so that a parser's byte offsets can be turned into physical line numbers
 * (the 2017 file has bare "\r" inside fields, which csv-parse counts as lines but editors do not).
 * Only newlines not yet asked about are kept, so memory stays flat.
 */
export class Utf8LineCounter extends Transform {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  private offset = 0;
  private readonly newlines: number[] = [];
  private head = 0;
  private linesBefore = 0;
  private carry: Uint8Array = new Uint8Array(0);

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback) {
    try {
      this.feed(chunk);
    } catch (error) {
      return done(error as Error);
    }
    done(null, chunk);
  }

  override _flush(done: TransformCallback) {
    try {
      this.finish();
    } catch (error) {
      return done(error as Error);
    }
    done();
  }

  /** Checks and counts one chunk; throws NotUtf8Error when it is not UTF-8. */
  feed(chunk: Buffer): void {
    try {
      this.decoder.decode(chunk, { stream: true });
    } catch {
      throw this.notUtf8(chunk);
    }
    let at = chunk.indexOf(10);
    while (at !== -1) {
      this.newlines.push(this.offset + at);
      at = chunk.indexOf(10, at + 1);
    }
    this.offset += chunk.length;
    // Keep up to 3 trailing bytes: a multi-byte character may continue in the next chunk.
    this.carry = chunk.subarray(Math.max(0, chunk.length - 3));
  }

  /** Ends the input; throws NotUtf8Error when it stops inside a multi-byte character. */
  finish(): void {
    try {
      this.decoder.decode();
    } catch {
      throw new NotUtf8Error(this.lineAt(this.offset), this.offset);
    }
  }

  private notUtf8(chunk: Buffer): NotUtf8Error {
    const joined = Buffer.concat([this.carry, chunk]);
    const start = this.offset - this.carry.length;
    // The carry was valid on its own, so the first invalid byte is at or after its start.
    const bad = start + validUtf8Prefix(joined);
    let line = this.lineAt(this.offset) - 1;
    for (let i = 0; i < bad - this.offset && i < chunk.length; i += 1) if (chunk[i] === 10) line += 1;
    return new NotUtf8Error(line + 1, bad);
  }

  /** 1-based line of the byte at `offset`. Offsets asked about must not go backwards. */
  lineAt(offset: number): number {
    while (this.head < this.newlines.length && this.newlines[this.head]! < offset) {
      this.head += 1;
      this.linesBefore += 1;
    }
    if (this.head > 4096 && this.head * 2 > this.newlines.length) {
      this.newlines.splice(0, this.head);
      this.head = 0;
    }
    return this.linesBefore + 1;
  }
}
