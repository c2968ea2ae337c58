import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedResponse {
  readonly method: string;
  readonly path: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

/**
 * Stands in for the pre-signed S3 URL CloudFormation puts in `ResponseURL`: records every request
 * and answers with the next status from `statuses` (then 200).
 */
export async function startResponseServer(statuses: number[] = []) {
  const received: ReceivedResponse[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
    });
    req.on('end', () => {
      received.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body });
      res.statusCode = statuses.shift() ?? 200;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    /** Shaped like the real thing: a path and a signature in the query string. */
    url: `http://127.0.0.1:${port}/cloudformation-custom-resource-response-useast1/arn%3Astack/req-1?X-Amz-Signature=abc`,
    received,
    /** The JSON bodies received so far. */
    answers: () => received.map((r) => JSON.parse(r.body) as Record<string, unknown>),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
