import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { ObjectStoreError } from '../errors.ts';
import type { ListedObject, ObjectMetadata, ObjectStore, StoredObject } from './ObjectStore.ts';

/**
 * The object store in a local directory, laid out so any static file server can serve it:
 * `<dir>/<key>` holds the plain body and, for a gzip-encoded object, `<dir>/<key>.gz` holds the
 * compressed bytes as published (the precompressed-sibling convention of nginx `gzip_static`,
 * Caddy `precompressed` and sirv). A server that knows nothing of it still serves correct JSON
 * with the right type from the extension. Each file is written to a temporary name and renamed,
 * so a reader (or a killed run) never sees half a file. Cache headers are the server's concern
 * locally; they are recorded in S3 metadata only.
 */
export function directoryObjectStore(root: string): ObjectStore {
  const fileOf = (key: string) => {
    const file = path.resolve(root, key);
    if (!file.startsWith(path.resolve(root) + path.sep)) {
      throw new ObjectStoreError(`object key ${JSON.stringify(key)} escapes the directory`, key);
    }
    return file;
  };
  const writeAtomically = async (file: string, body: Uint8Array) => {
    await mkdir(path.dirname(file), { recursive: true });
    const temp = `${file}.${randomBytes(4).toString('hex')}.tmp`;
    await writeFile(temp, body);
    await rename(temp, file);
  };

  return {
    async put(key: string, body: Uint8Array, metadata: ObjectMetadata) {
      const file = fileOf(key);
      try {
        if (metadata.contentEncoding === 'gzip') {
          await writeAtomically(`${file}.gz`, body);
          await writeAtomically(file, gunzipSync(body));
        } else {
          await writeAtomically(file, body);
        }
      } catch (error) {
        throw new ObjectStoreError(`writing ${file} failed: ${(error as Error).message}`, key, {
          cause: error,
        });
      }
    },

    async get(key: string): Promise<StoredObject | null> {
      const file = fileOf(key);
      try {
        return { body: await readFile(`${file}.gz`), contentEncoding: 'gzip' };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
      try {
        return { body: await readFile(file) };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw new ObjectStoreError(`reading ${file} failed: ${(error as Error).message}`, key, {
          cause: error,
        });
      }
    },

    async *list(prefix: string): AsyncIterable<ListedObject> {
      const base = path.resolve(root);
      let names: string[];
      try {
        names = (await readdir(base, { recursive: true })) as string[];
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
        throw error;
      }
      const keys = names
        .map((n) => n.split(path.sep).join('/'))
        .filter((k) => k.startsWith(prefix) && !k.endsWith('.gz') && !k.endsWith('.tmp'))
        .sort();
      for (const key of keys) {
        const info = await stat(path.join(base, key));
        if (info.isFile()) yield { key, size: info.size };
      }
    },

    async removeLeftovers(prefix: string, before: Date) {
      const base = path.resolve(root);
      const names = ((await readdir(base, { recursive: true }).catch(() => [])) as string[])
        .map((n) => n.split(path.sep).join('/'))
        .filter((k) => k.startsWith(prefix) && /\.[0-9a-f]{8}\.tmp$/.test(k));
      let removed = 0;
      for (const name of names) {
        const file = path.join(base, name);
        const info = await stat(file).catch(() => null);
        if (!info?.isFile() || info.mtime >= before) continue;
        await rm(file, { force: true });
        removed += 1;
      }
      return removed;
    },

    async deleteMany(keys: readonly string[]) {
      for (const key of keys) {
        const file = fileOf(key);
        await rm(file, { force: true });
        await rm(`${file}.gz`, { force: true });
      }
    },
  };
}
