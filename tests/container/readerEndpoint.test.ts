import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readerConnectionString } from '../../container/explorer/openLiveDatabase.ts';
import {
  type ExplorerProcess,
  ensureExplorerBuilt,
  startExplorerProcess,
} from './support/explorerProcess.ts';
import { fixtureDatabase } from './support/fixtureServer.ts';
import { openSession } from './support/wsClient.ts';

describe('readerConnectionString', () => {
  it("swaps only the host for the reader endpoint's, keeping user, password, port, database and TLS", () => {
    const writer =
      'postgres://explorer:p%40ss@tubelens.cluster-abc.eu-west-1.rds.amazonaws.com:5432/tubelens?sslmode=verify-full';
    expect(readerConnectionString(writer, 'tubelens.cluster-ro-abc.eu-west-1.rds.amazonaws.com')).toBe(
      'postgres://explorer:p%40ss@tubelens.cluster-ro-abc.eu-west-1.rds.amazonaws.com:5432/tubelens?sslmode=verify-full',
    );
    expect(readerConnectionString(writer, undefined)).toBe(writer);
  });
});

describe('reader endpoint [embedded]', () => {
  let db: Awaited<ReturnType<typeof fixtureDatabase>>;
  let explorer: ExplorerProcess;
  beforeAll(async () => {
    await ensureExplorerBuilt();
    db = await fixtureDatabase('embedded');
    // The secret's host does not resolve: every answer below came through the reader host.
    const writer = new URL(db.url);
    const readerHost = writer.hostname;
    writer.hostname = 'writer.invalid';
    explorer = await startExplorerProcess({
      DATABASE_URL: writer.toString(),
      EXPLORER_DB_READER_HOST: readerHost,
    });
  }, 60_000);
  afterAll(async () => {
    await explorer?.stop();
    await db?.drop();
  });

  it('reads through EXPLORER_DB_READER_HOST, and on a primary reports no lag', async () => {
    expect((await explorer.waitForLog((e) => e.msg === 'live pool opened')).readerHost).toBe(
      new URL(db.url).hostname,
    );
    expect((await fetch(`${explorer.url}/readyz`)).status).toBe(200);
    const { client } = await openSession(explorer.url);
    client.send({ v: 1, type: 'update', id: 1, patch: { channels: ['UCnews'] } });
    const view = await client.next('view');
    expect(view.parts.table!.total).toBe(30);
    // PostgreSQL 15 here is a primary: lag is null and the page shows nothing.
    expect(view.lagSeconds).toBeNull();
    client.close();
  });
});
