import { gunzipSync, gzipSync } from 'node:zlib';
import {
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalS3, startLocalS3 } from '../../../local/s3/startLocalS3.ts';

describe('startLocalS3', () => {
  let s3: LocalS3;
  let client: S3Client;
  beforeAll(async () => {
    s3 = await startLocalS3({ buckets: ['reports'] });
    client = new S3Client({
      endpoint: s3.endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: 'dummy', secretAccessKey: 'dummy' },
    });
  });
  afterAll(async () => {
    client.destroy();
    await s3.close();
  });

  it('keeps Content-Encoding, Content-Type and Cache-Control through the real SDK', async () => {
    const body = gzipSync('{"ok":true}');
    await client.send(
      new PutObjectCommand({
        Bucket: 'reports',
        Key: 'data/g/x/overview.json',
        Body: body,
        ContentType: 'application/json',
        ContentEncoding: 'gzip',
        CacheControl: 'public, max-age=31536000, immutable',
      }),
    );
    const head = await client.send(
      new HeadObjectCommand({ Bucket: 'reports', Key: 'data/g/x/overview.json' }),
    );
    expect(head).toMatchObject({
      ContentType: 'application/json',
      ContentEncoding: 'gzip',
      CacheControl: 'public, max-age=31536000, immutable',
      ContentLength: body.length,
    });
    const got = await client.send(new GetObjectCommand({ Bucket: 'reports', Key: 'data/g/x/overview.json' }));
    expect(gunzipSync(await got.Body!.transformToByteArray()).toString()).toBe('{"ok":true}');
  });

  it('answers a missing key with NoSuchKey', async () => {
    await expect(client.send(new GetObjectCommand({ Bucket: 'reports', Key: 'nope' }))).rejects.toMatchObject(
      {
        name: 'NoSuchKey',
      },
    );
  });

  // A listing longer than one page carries a continuation token, which s3rver enciphers with
  // single DES: Node 24's OpenSSL leaves DES out, and every such listing answered 500.
  it('pages a listing with continuation tokens', async () => {
    const keys = ['a', 'b', 'c', 'd', 'e'].map((k) => `paged/${k}.json`);
    for (const Key of keys) await client.send(new PutObjectCommand({ Bucket: 'reports', Key, Body: '{}' }));
    const listed: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await client.send(
        new ListObjectsV2Command({
          Bucket: 'reports',
          Prefix: 'paged/',
          MaxKeys: 2,
          ContinuationToken: token,
        }),
      );
      listed.push(...(page.Contents ?? []).map((o) => o.Key!));
      token = page.NextContinuationToken;
      pages += 1;
    } while (token);
    expect(pages).toBe(3);
    expect(listed).toEqual(keys);
  });
});
