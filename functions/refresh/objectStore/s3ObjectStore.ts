import {
  DeleteObjectsCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  type ListObjectsV2CommandOutput,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { ObjectStoreError } from '../errors.ts';
import type { ListedObject, ObjectMetadata, ObjectStore, StoredObject } from './ObjectStore.ts';

export interface S3ObjectStoreOptions {
  readonly bucket: string;
  /** A ready client (tests, a shared client); otherwise one is made from `endpoint`/`region`. */
  readonly client?: S3Client;
  /** Local S3 endpoint (S3_ENDPOINT); path-style addressing is used with it. */
  readonly endpoint?: string | undefined;
  readonly region?: string | undefined;
}

// DeleteObjects takes at most 1,000 keys per request.
const DELETE_BATCH = 1000;

/** The object store on S3 (or any S3-compatible endpoint). */
export function s3ObjectStore(options: S3ObjectStoreOptions): ObjectStore {
  const { bucket } = options;
  const client =
    options.client ??
    new S3Client({
      region: options.region ?? process.env.AWS_REGION ?? 'us-east-1',
      ...(options.endpoint
        ? {
            endpoint: options.endpoint,
            forcePathStyle: true,
            // A local endpoint takes any credentials; do not go looking for real ones.
            credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
          }
        : {}),
    });
  const fail = (what: string, key: string, cause: unknown) =>
    new ObjectStoreError(`S3 ${what} s3://${bucket}/${key} failed: ${(cause as Error).message}`, key, {
      cause,
    });

  return {
    async put(key: string, body: Uint8Array, metadata: ObjectMetadata) {
      try {
        await client.send(
          new PutObjectCommand({
            Bucket: bucket,
            Key: key,
            Body: body,
            ContentType: metadata.contentType,
            ContentEncoding: metadata.contentEncoding,
            CacheControl: metadata.cacheControl,
          }),
        );
      } catch (error) {
        throw fail('put', key, error);
      }
    },

    async get(key: string): Promise<StoredObject | null> {
      try {
        const out = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        return {
          body: await out.Body!.transformToByteArray(),
          contentType: out.ContentType,
          contentEncoding: out.ContentEncoding,
          cacheControl: out.CacheControl,
        };
      } catch (error) {
        if (error instanceof NoSuchKey || (error as { name?: string }).name === 'NoSuchKey') return null;
        throw fail('get', key, error);
      }
    },

    async *list(prefix: string): AsyncIterable<ListedObject> {
      let token: string | undefined;
      do {
        let out: ListObjectsV2CommandOutput;
        try {
          out = await client.send(
            new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }),
          );
        } catch (error) {
          throw fail('list', prefix, error);
        }
        for (const o of out.Contents ?? []) yield { key: o.Key!, size: o.Size ?? 0 };
        token = out.IsTruncated ? out.NextContinuationToken : undefined;
      } while (token);
    },

    async deleteMany(keys: readonly string[]) {
      for (let i = 0; i < keys.length; i += DELETE_BATCH) {
        const batch = keys.slice(i, i + DELETE_BATCH);
        try {
          const out = await client.send(
            new DeleteObjectsCommand({
              Bucket: bucket,
              Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true },
            }),
          );
          const failed = out.Errors?.[0];
          if (failed) throw new Error(`${failed.Key}: ${failed.Code} ${failed.Message}`);
        } catch (error) {
          throw fail('delete', batch[0]!, error);
        }
      }
    },
  };
}
