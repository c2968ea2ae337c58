import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A CloudFormation endpoint that knows one call, DescribeStacks (AWS query protocol, XML answer),
 * and reports the stack in whatever status the test sets.
 */
export async function startStackStatusServer(initialStatus = 'UPDATE_IN_PROGRESS') {
  let status = initialStatus;
  const actions: string[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
    });
    req.on('end', () => {
      const form = new URLSearchParams(body);
      actions.push(form.get('Action') ?? '');
      const stackId = form.get('StackName') ?? '';
      res.setHeader('content-type', 'text/xml');
      res.end(`<DescribeStacksResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/">
  <DescribeStacksResult><Stacks><member>
    <StackId>${stackId}</StackId><StackName>tubelens-test</StackName>
    <CreationTime>2026-11-27T00:00:00Z</CreationTime><StackStatus>${status}</StackStatus>
  </member></Stacks></DescribeStacksResult>
  <ResponseMetadata><RequestId>00000000-0000-0000-0000-000000000000</RequestId></ResponseMetadata>
</DescribeStacksResponse>`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    actions,
    setStatus(next: string) {
      status = next;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
