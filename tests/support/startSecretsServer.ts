import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A Secrets Manager endpoint on loopback that knows one call, GetSecretValue (AWS JSON 1.1
 * protocol), so the real SDK client reads secrets as it does in AWS. It answers from `secrets`
 * by id, read at each call (a test may change a value between calls); an unknown id gets the
 * real error shape. `asked` lists the ids asked for, `reads` counts the answered ones.
 */
export async function startSecretsServer(secrets: Record<string, string>) {
  const asked: string[] = [];
  let reads = 0;
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
      reads += 1;
      res.end(
        JSON.stringify({
          ARN: id,
          Name: id.split(':').at(-1),
          SecretString: value,
          VersionId: 'v1',
          CreatedDate: 1_700_000_000,
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    asked,
    get reads() {
      return reads;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
