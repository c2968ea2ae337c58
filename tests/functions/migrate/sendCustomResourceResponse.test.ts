import { afterEach, describe, expect, it } from 'vitest';
import { CustomResourceResponseError } from '../../../functions/migrate/errors.ts';
import {
  MAX_REASON_LENGTH,
  sendCustomResourceResponse,
} from '../../../functions/migrate/sendCustomResourceResponse.ts';
import { startResponseServer } from './support/startResponseServer.ts';

const answer = {
  Status: 'SUCCESS' as const,
  Reason: 'schema already at version 1; nothing to apply',
  PhysicalResourceId: 'tubelens-schema-migrations',
  StackId: 'arn:aws:cloudformation:us-east-1:123456789012:stack/tubelens-test/abc',
  RequestId: 'req-1',
  LogicalResourceId: 'MigrateOnDeploy',
};
const noSleep = async () => {};

describe('sendCustomResourceResponse', () => {
  let server: Awaited<ReturnType<typeof startResponseServer>> | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('PUTs the JSON answer to the URL with its query string and an empty content type', async () => {
    server = await startResponseServer();
    await sendCustomResourceResponse(server.url, answer);
    expect(server.received).toHaveLength(1);
    const [request] = server.received;
    expect(request?.method).toBe('PUT');
    expect(request?.path).toContain('?X-Amz-Signature=abc');
    expect(request?.headers['content-type']).toBe('');
    expect(Number(request?.headers['content-length'])).toBe(Buffer.byteLength(request?.body ?? ''));
    expect(JSON.parse(request?.body ?? '')).toEqual(answer);
  });

  it('retries a 5xx until the answer is taken', async () => {
    server = await startResponseServer([503, 500]);
    await sendCustomResourceResponse(server.url, answer, { sleep: noSleep });
    expect(server.received).toHaveLength(3);
  });

  it('gives up at once on a 4xx and says why', async () => {
    server = await startResponseServer([403]);
    await expect(sendCustomResourceResponse(server.url, answer, { sleep: noSleep })).rejects.toThrow(
      new CustomResourceResponseError(
        'could not deliver the SUCCESS answer for MigrateOnDeploy to CloudFormation: HTTP 403',
      ),
    );
    expect(server.received).toHaveLength(1);
  });

  it('fails after the last attempt when nothing answers', async () => {
    server = await startResponseServer();
    const url = server.url;
    await server.close();
    server = undefined;
    await expect(sendCustomResourceResponse(url, answer, { attempts: 2, sleep: noSleep })).rejects.toThrow(
      /could not deliver the SUCCESS answer for MigrateOnDeploy to CloudFormation: .*ECONNREFUSED/,
    );
  });

  it('shortens a long reason so the answer stays under the 4 KB CloudFormation accepts', async () => {
    server = await startResponseServer();
    await sendCustomResourceResponse(server.url, { ...answer, Status: 'FAILED', Reason: 'x'.repeat(10_000) });
    const [sent] = server.answers();
    expect(String(sent?.Reason)).toHaveLength(MAX_REASON_LENGTH);
    expect(server.received[0]?.body.length).toBeLessThan(4096);
  });
});
