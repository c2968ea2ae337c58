import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback endpoint answering Secrets Manager's GetSecretValue (JSON 1.1 protocol), so the
 * real SDK client reads the YouTube key as it does in AWS. Counts the reads.
 */
export async function startSecretsManagerStub(secrets: Record<string, string>) {
  let reads = 0;
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      const target = String(req.headers['x-amz-target'] ?? '');
      const { SecretId } = JSON.parse(body || '{}') as { SecretId?: string };
      const value = SecretId ? secrets[SecretId] : undefined;
      res.setHeader('content-type', 'application/x-amz-json-1.1');
      if (target !== 'secretsmanager.GetSecretValue' || value === undefined) {
        res.statusCode = 400;
        res.end(
          JSON.stringify({
            __type: 'ResourceNotFoundException',
            message: "Secrets Manager can't find the specified secret.",
          }),
        );
        return;
      }
      reads += 1;
      res.end(
        JSON.stringify({
          ARN: SecretId,
          Name: 'youtube-api-key',
          SecretString: value,
          VersionId: 'v1',
          CreatedDate: 1_700_000_000,
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get reads() {
      return reads;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
