import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { LoadError } from './errors.ts';

const GZIP_MAGIC = [0x1f, 0x8b];

/** A byte stream of the file, gunzipped on the fly when it is gzip (by content, not by name). */
export async function openTrendingFile(file: string): Promise<Readable> {
  const head = Buffer.alloc(2);
  try {
    const handle = await open(file, 'r');
    try {
      await handle.read(head, 0, 2, 0);
    } finally {
      await handle.close();
    }
  } catch (cause) {
    throw new LoadError(file, undefined, `cannot read: ${(cause as Error).message}`, { cause });
  }
  const raw = createReadStream(file);
  if (head[0] !== GZIP_MAGIC[0] || head[1] !== GZIP_MAGIC[1]) return raw;
  const gunzip = createGunzip();
  raw.on('error', (error) => gunzip.destroy(error));
  return raw.pipe(gunzip);
}
