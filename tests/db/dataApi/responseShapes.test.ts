import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { RDSDataClient } from '@aws-sdk/client-rds-data';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDataApiClient } from '../../../db/dataApi/openDataApiClient.ts';

/**
 * Response shapes AWS may send that the local endpoint does not (AWS does not document them):
 * a canned reply per SQL text, served over real HTTP to the real SDK client.
 */
const replies: Record<string, unknown> = {
  'UPDATE t SET x = 1': { columnMetadata: [], records: [], numberOfRecordsUpdated: 3 },
  'SELECT id FROM t': {
    columnMetadata: [{ name: 'id', label: 'id', typeName: 'BIGSERIAL' }],
    records: [[{ stringValue: '9007199254740993' }]],
  },
  'SELECT ids FROM t': {
    columnMetadata: [{ name: 'ids', label: 'ids', typeName: '_int8' }],
    records: [[{ arrayValue: { longValues: [1, null, 3] } }]],
  },
};

describe('openDataApiClient with response shapes the local endpoint does not produce', () => {
  let server: http.Server;
  let rds: RDSDataClient;
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => {
        body += chunk;
      });
      req.on('end', () => {
        const { sql } = JSON.parse(body) as { sql: string };
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(replies[sql]));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    rds = new RDSDataClient({
      endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
  });
  afterAll(async () => {
    rds?.destroy();
    await new Promise((resolve) => server?.close(resolve));
  });

  const client = () =>
    openDataApiClient({ resourceArn: 'arn:aws:rds:us-east-1:000000000000:cluster:x', secretArn: 's', rds });

  it('reads an empty columnMetadata list as a statement without rows', async () => {
    expect(await client().query('UPDATE t SET x = 1')).toEqual({ rows: [], rowCount: 3, fields: [] });
  });

  it('decodes a type name in capitals and serial names as their base type', async () => {
    const { rows, fields } = await client().query('SELECT id FROM t');
    expect(rows).toEqual([{ id: 9007199254740993n }]);
    expect(fields).toEqual([{ name: 'id', dataTypeID: 20 }]);
  });

  it('decodes an int8 array sent as longValues', async () => {
    expect((await client().query('SELECT ids FROM t')).rows).toEqual([{ ids: [1n, null, 3n] }]);
  });
});
