import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Published {
  readonly topicArn: string;
  readonly subject: string;
  readonly message: string;
}

/**
 * A loopback endpoint answering SNS's Publish (the AWS query protocol: a form-encoded POST, an
 * XML answer), so the real SDK client publishes as it does in AWS. `fail` turns the next answers
 * into a 500 InternalError.
 */
export async function startSnsStub() {
  const published: Published[] = [];
  let failures = 0;
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      const form = new URLSearchParams(body);
      res.setHeader('content-type', 'text/xml');
      if (form.get('Action') !== 'Publish' || failures > 0) {
        failures = Math.max(0, failures - 1);
        res.statusCode = 500;
        res.end(
          '<ErrorResponse><Error><Type>Receiver</Type><Code>InternalError</Code><Message>try again</Message></Error><RequestId>r</RequestId></ErrorResponse>',
        );
        return;
      }
      published.push({
        topicArn: form.get('TopicArn') ?? '',
        subject: form.get('Subject') ?? '',
        message: form.get('Message') ?? '',
      });
      res.end(
        `<PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult><MessageId>m-${published.length}</MessageId></PublishResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></PublishResponse>`,
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    published,
    /** The next `n` requests fail with a 500. */
    fail(n: number) {
      failures = n;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
