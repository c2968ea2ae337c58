import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ObjectStoreError } from '../../../functions/refresh/errors.ts';
import {
  directoryObjectStore,
  type ObjectStore,
  s3ObjectStore,
} from '../../../functions/refresh/objectStore/index.ts';
import { type LocalS3, startLocalS3 } from '../../../local/s3/startLocalS3.ts';

const json = { contentType: 'application/json', cacheControl: 'public, max-age=60' };
const gz = { ...json, contentEncoding: 'gzip' };

async function collect(store: ObjectStore, prefix: string) {
  const keys: string[] = [];
  for await (const o of store.list(prefix)) keys.push(o.key);
  return keys;
}

function objectStoreContract(
  name: string,
  open: () => Promise<{ store: ObjectStore; close(): Promise<void> }>,
) {
  describe(name, () => {
    let store: ObjectStore;
    let close: () => Promise<void>;
    beforeAll(async () => {
      ({ store, close } = await open());
    });
    afterAll(async () => close());

    it('returns what was put, with its encoding', async () => {
      const body = gzipSync('{"a":1}');
      await store.put('data/g/1/a.json', body, gz);
      const got = await store.get('data/g/1/a.json');
      expect(Buffer.from(got!.body)).toEqual(body);
      expect(got!.contentEncoding).toBe('gzip');
    });

    it('returns null for a missing key', async () => {
      expect(await store.get('data/none.json')).toBeNull();
    });

    it('replaces an object whole', async () => {
      await store.put('data/manifest.json', Buffer.from('{"v":1}'), json);
      await store.put('data/manifest.json', Buffer.from('{"v":2}'), json);
      expect(Buffer.from((await store.get('data/manifest.json'))!.body).toString()).toBe('{"v":2}');
    });

    it('lists keys under a prefix in order and deletes them', async () => {
      await store.put('data/g/2/b.json', gzipSync('{}'), gz);
      await store.put('data/g/2/channels/c.json', gzipSync('{}'), gz);
      expect(await collect(store, 'data/g/')).toEqual([
        'data/g/1/a.json',
        'data/g/2/b.json',
        'data/g/2/channels/c.json',
      ]);
      await store.deleteMany(['data/g/2/b.json', 'data/g/2/channels/c.json', 'data/g/9/missing.json']);
      expect(await collect(store, 'data/g/')).toEqual(['data/g/1/a.json']);
    });
  });
}

let s3: LocalS3;
beforeAll(async () => {
  s3 = await startLocalS3({ buckets: ['reports'] });
});
afterAll(async () => s3?.close());

objectStoreContract('s3ObjectStore on the local S3', async () => ({
  store: s3ObjectStore({ bucket: 'reports', endpoint: s3.endpoint }),
  close: async () => {},
}));

objectStoreContract('directoryObjectStore', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'tubelens-store-'));
  return { store: directoryObjectStore(dir), close: () => rm(dir, { recursive: true, force: true }) };
});

describe('directoryObjectStore layout', () => {
  it('writes the plain body beside the gzip sibling so a static server can serve either', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'tubelens-store-'));
    try {
      await directoryObjectStore(dir).put('data/g/1/o.json', gzipSync('{"x":1}'), gz);
      expect(await readFile(path.join(dir, 'data/g/1/o.json'), 'utf8')).toBe('{"x":1}');
      expect((await readFile(path.join(dir, 'data/g/1/o.json.gz'))).subarray(0, 2)).toEqual(
        Buffer.from([0x1f, 0x8b]),
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses a key that would escape the directory', async () => {
    await expect(directoryObjectStore('/tmp/x').put('../evil', Buffer.from(''), json)).rejects.toThrow(
      ObjectStoreError,
    );
  });
});

describe('s3ObjectStore errors', () => {
  it('wraps a failed put with the key and the cause', async () => {
    const store = s3ObjectStore({ bucket: 'no-such-bucket', endpoint: s3.endpoint });
    const error = await store.put('k', Buffer.from('x'), json).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ObjectStoreError);
    expect((error as ObjectStoreError).message).toMatch(/s3:\/\/no-such-bucket\/k/);
    expect((error as ObjectStoreError).cause).toBeDefined();
  });
});
