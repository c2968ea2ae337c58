import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';

export interface EncodedReport {
  /** sha256 of the JSON text, hex: equal content, equal hash. */
  readonly hash: string;
  /** The JSON text, gzip-compressed (what is stored and served with Content-Encoding: gzip). */
  readonly body: Uint8Array;
  /** Uncompressed JSON size in bytes. */
  readonly size: number;
}

/** Hashes a report's JSON; compresses it only when asked (unchanged reports are never compressed). */
export function hashReport(value: unknown): { json: string; hash: string } {
  const json = JSON.stringify(value);
  return { json, hash: createHash('sha256').update(json).digest('hex') };
}

// Level 6 (zlib's default): level 9 saves ~1% more on these files for twice the CPU time.
export function compressReport(json: string): Uint8Array {
  return gzipSync(json, { level: 6 });
}
