import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import account from 's3rver/lib/models/account.js';
import { supplyDes } from './supplyDes.ts';

export interface LocalS3Options {
  /** 0 (default) picks a free port. */
  readonly port?: number;
  /** Where objects are kept; a fresh temporary directory (removed on close) by default. */
  readonly directory?: string;
  /** Buckets created at start. */
  readonly buckets?: readonly string[];
}

export interface LocalS3 {
  /** `http://127.0.0.1:<port>`: pass as S3_ENDPOINT (path-style addressing). */
  readonly endpoint: string;
  readonly buckets: readonly string[];
  close(): Promise<void>;
}

/** Dummy access key ids the local S3 accepts (`local` is what s3ObjectStore sends to an endpoint). */
export const LOCAL_ACCESS_KEY_IDS = ['local', 'dummy', 'test', 'S3RVER'];

/** The bucket the local refresh publishes to unless told otherwise. */
export const LOCAL_REPORT_BUCKET = 'tubelens-reports';

/**
 * A local S3-protocol server (s3rver 3.7, checked on Node 24 with @aws-sdk/client-s3 3.1175:
 * PutObject, GetObject, HeadObject, ListObjectsV2 and DeleteObjects, keeping Content-Type,
 * Content-Encoding and Cache-Control). Loopback only; any credentials are accepted.
 */
export async function startLocalS3(options: LocalS3Options = {}): Promise<LocalS3> {
  // Its continuation tokens need DES, which Node 24 lacks (supplyDes.ts).
  supplyDes();
  const buckets = options.buckets ?? [LOCAL_REPORT_BUCKET];
  const temporary = options.directory ? undefined : await mkdtemp(path.join(os.tmpdir(), 'tubelens-s3-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: options.port ?? 0,
    silent: true,
    directory: options.directory ?? temporary!,
    // Local SDK clients sign with dummy keys that s3rver does not know.
    allowMismatchedSignatures: true,
    configureBuckets: buckets.map((name) => ({ name })),
  });
  // s3rver knows one key pair (S3RVER) and rejects other key ids even when it ignores signatures;
  // local clients use dummy keys, so register the ones tubelens and its tests use.
  for (const id of LOCAL_ACCESS_KEY_IDS) account.DUMMY_ACCOUNT.createKeyPair(id, id);
  const address = await server.run();
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    buckets,
    async close() {
      await server.close();
      if (temporary) await rm(temporary, { recursive: true, force: true });
    },
  };
}
