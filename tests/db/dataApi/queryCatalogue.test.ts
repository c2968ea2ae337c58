import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDataApiClient } from '../../../db/dataApi/openDataApiClient.ts';
import type { SqlClient } from '../../../db/sql/SqlClient.ts';
import { type EndpointUnderTest, startEndpoint } from '../../local/dataApi/dataApiTestClient.ts';
import { describeEachBackend } from '../../support/backends.ts';
import { queryCatalogue, seedCatalogueFixture } from './queryCatalogue.ts';

describeEachBackend('query catalogue: Data API adapter against the direct adapter', (db) => {
  let api: EndpointUnderTest;
  let dataApi: SqlClient;
  beforeAll(async () => {
    await seedCatalogueFixture(db().client);
    api = await startEndpoint(db().client);
    dataApi = openDataApiClient({ ...api.target, rds: api.rds });
  });
  afterAll(async () => {
    await dataApi?.close();
    await api?.close();
  });

  for (const entry of queryCatalogue) {
    it(`returns the same rows, row count and fields for ${entry.name}`, async () => {
      const direct = await db().client.query(entry.sql, entry.params);
      const viaDataApi = await dataApi.query(entry.sql, entry.params);
      expect(viaDataApi.rows).toEqual(direct.rows);
      expect(viaDataApi.rowCount).toBe(direct.rowCount);
      expect(viaDataApi.fields.map((f) => f.name)).toEqual(direct.fields.map((f) => f.name));
      // Types the port names keep their OIDs; others (none in the catalogue) would read 0.
      expect(viaDataApi.fields).toEqual(direct.fields);
    });
  }

  it('covers every decoded type at least once', async () => {
    const seen = new Set<string>();
    for (const entry of queryCatalogue) {
      const { rows } = await dataApi.query(entry.sql, entry.params);
      for (const row of rows) {
        for (const value of Object.values(row)) {
          seen.add(
            value === null
              ? 'null'
              : value instanceof Date
                ? 'Date'
                : value instanceof Uint8Array
                  ? 'bytes'
                  : Array.isArray(value)
                    ? 'array'
                    : typeof value,
          );
        }
      }
    }
    expect([...seen].sort()).toEqual([
      'Date',
      'array',
      'bigint',
      'boolean',
      'bytes',
      'null',
      'number',
      'object',
      'string',
    ]);
  });
});
