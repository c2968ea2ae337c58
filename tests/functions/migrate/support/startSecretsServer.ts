import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A Secrets Manager endpoint that knows one call, GetSecretValue (AWS JSON 1.1 protocol), and
 * answers from the secrets the test gives it, by ARN; an unknown ARN gets the real error shape.
 */
export async function startSecretsServer(secrets: Record<string, string>) {
  const asked: string[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
    });
    req.on('end', () => {
      const id = String((JSON.parse(body || '{}') as { SecretId?: string }).SecretId);
      asked.push(id);
      res.setHeader('content-type', 'application/x-amz-json-1.1');
      const value = secrets[id];
      if (value === undefined || req.headers['x-amz-target'] !== 'secretsmanager.GetSecretValue') {
        res.statusCode = 400;
        res.end(
          JSON.stringify({
            __type: 'ResourceNotFoundException',
            message: 'Secrets Manager can’t find the specified secret.',
          }),
        );
        return;
      }
      res.end(JSON.stringify({ ARN: id, Name: id.split(':').at(-1), SecretString: value, VersionId: 'v1' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    asked,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
