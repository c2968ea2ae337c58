import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { Context } from 'aws-lambda';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createIngestHandler } from '../../../functions/ingest/createIngestHandler.ts';
import { IngestConfigError, YouTubeAuthError } from '../../../functions/ingest/errors.ts';
import { trackChannel } from '../../../functions/ingest/trackChannel.ts';
import { dataApiEnv } from '../../../local/dataApi/dataApiEnv.ts';
import { describeEachBackend } from '../../support/backends.ts';
import { startSecretsServer } from '../../support/startSecretsServer.ts';
import { fixtureWorld, GOOGLE_DEVELOPERS } from './support/fixtureWorld.ts';
import { API_KEY, type IngestHarness, openIngestHarness } from './support/ingestHarness.ts';

const SECRET_ARN = 'arn:aws:secretsmanager:us-east-1:000000000000:secret:youtube-api-key-AbCdEf';
const context = {
  functionName: 'tubelens-ingest',
  awsRequestId: 'req-1',
  getRemainingTimeInMillis: () => 600_000,
} as unknown as Context;

/** Everything written to stdout and stderr while `fn` runs (Powertools logs and EMF metrics). */
async function captureOutput<T>(
  fn: () => Promise<T>,
): Promise<{ result: T | undefined; error: unknown; output: string }> {
  const chunks: string[] = [];
  const keep = (chunk: unknown) => {
    chunks.push(String(chunk));
    return true;
  };
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(keep);
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(keep);
  try {
    return { result: await fn(), error: undefined, output: chunks.join('') };
  } catch (error) {
    return { result: undefined, error, output: chunks.join('') };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

describe('readIngestConfig through createIngestHandler', () => {
  const db = {
    DB_CLUSTER_ARN: 'arn:aws:rds:us-east-1:123456789012:cluster:tubelens',
    DB_SECRET_ARN: SECRET_ARN,
  };

  it('fails at cold start naming the missing setting', () => {
    expect(() => createIngestHandler({})).toThrow(IngestConfigError);
    expect(() => createIngestHandler({})).toThrow(/DB_CLUSTER_ARN is required; DB_SECRET_ARN is required/);
    expect(() => createIngestHandler({ ...db })).toThrow(
      'YOUTUBE_API_KEY_SECRET_ARN (in AWS) or YOUTUBE_API_KEY (locally) is required',
    );
    expect(() => createIngestHandler({ ...db, YOUTUBE_API_KEY: 'k', YOUTUBE_DAILY_QUOTA: '-5' })).toThrow(
      'YOUTUBE_DAILY_QUOTA must be positive',
    );
    expect(() =>
      createIngestHandler({ ...db, YOUTUBE_API_KEY: 'k', YOUTUBE_API_BASE_URL: 'not a url' }),
    ).toThrow('YOUTUBE_API_BASE_URL must be a URL');
  });

  it('never echoes a value in its messages', () => {
    const secretish = 'AIzaSy-do-not-echo-me';
    expect(() =>
      createIngestHandler({ ...db, YOUTUBE_API_KEY: secretish, YOUTUBE_DAILY_QUOTA: secretish }),
    ).toThrow(/^(?!.*do-not-echo).*$/);
  });
});

describeEachBackend('the ingest handler', (db) => {
  let h: IngestHarness;
  let secrets: Awaited<ReturnType<typeof startSecretsServer>>;
  const savedEnv = { ...process.env };

  beforeAll(async () => {
    h = await openIngestHarness(db().client, fixtureWorld());
    secrets = await startSecretsServer({ [SECRET_ARN]: JSON.stringify({ apiKey: API_KEY }) });
    await trackChannel({ sql: h.sql, youtube: h.youtube }, GOOGLE_DEVELOPERS);
    // The SDK clients read the region and credentials from process.env, as in Lambda.
    Object.assign(process.env, {
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
    });
  });
  afterEach(() => {
    for (const k of Object.keys(process.env)) if (!(k in savedEnv)) delete process.env[k];
    Object.assign(process.env, savedEnv, {
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
    });
  });
  afterAll(async () => {
    for (const k of Object.keys(process.env)) if (!(k in savedEnv)) delete process.env[k];
    Object.assign(process.env, savedEnv);
    await h?.close();
    await secrets?.close();
  });

  const env = () => ({
    ...dataApiEnv(h.dataApi),
    YOUTUBE_API_KEY_SECRET_ARN: SECRET_ARN,
    YOUTUBE_API_BASE_URL: h.youtubeServer.url,
  });
  const secretsManager = () =>
    new SecretsManagerClient({
      endpoint: secrets.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });

  it('runs through middy and the Data API with the key from Secrets Manager, read once, never logged', async () => {
    const handler = createIngestHandler(env(), { secretsManager: secretsManager() });
    const first = await captureOutput(() => handler({}, context));
    expect(first.error).toBeUndefined();
    expect(first.result).toMatchObject({ status: 'completed', channelsUpdated: 1, videosUpdated: 12 });
    const second = await captureOutput(() => handler({}, context));
    expect(second.result).toMatchObject({ status: 'completed' });
    expect(secrets.reads).toBe(1);

    const output = first.output + second.output;
    expect(output).toContain('"message":"ingest finished"');
    expect(output).toContain('"function_name":"tubelens-ingest"');
    expect(output).toContain('QuotaUnitsUsed');
    expect(output).not.toContain(API_KEY);
  });

  it('fails the invocation loudly on keyInvalid, with the reason and without the key', async () => {
    const wrong = 'AIzaSyWRONG-but-still-secret-0000000000';
    const handler = createIngestHandler({
      ...env(),
      YOUTUBE_API_KEY_SECRET_ARN: undefined,
      YOUTUBE_API_KEY: wrong,
    });
    const { error, output } = await captureOutput(() => handler({}, context));
    expect(error).toBeInstanceOf(YouTubeAuthError);
    expect((error as Error).message).toMatch(/keyInvalid/);
    expect(output + (error as Error).stack).not.toContain(wrong);
  });

  it('exports the handler from handler.ts, built from process.env at cold start', async () => {
    Object.assign(process.env, env(), { YOUTUBE_API_KEY: API_KEY, YOUTUBE_API_KEY_SECRET_ARN: '' });
    // A fresh module per backend: each import is a cold start.
    vi.resetModules();
    const { handler } = await import('../../../functions/ingest/handler.ts');
    const { result, output } = await captureOutput(() => handler({}, context));
    expect(result).toMatchObject({ status: 'completed' });
    expect(output).not.toContain(API_KEY);
  });
});
