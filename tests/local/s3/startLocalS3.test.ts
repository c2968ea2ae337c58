import { gunzipSync, gzipSync } from 'node:zlib';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
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
});
