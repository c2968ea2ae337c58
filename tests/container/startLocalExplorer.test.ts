import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../local/cli/commands/index.ts';
import { runCli } from '../../local/cli/runCli.ts';
import { startLocalExplorer } from '../../local/explorer/startLocalExplorer.ts';
import { describeEachBackend } from '../support/backends.ts';
import { insertFixtures } from './support/fixtures.ts';
import { openClient } from './support/wsClient.ts';

describeEachBackend('startLocalExplorer (npm start, tubelens explorer)', (db) => {
  let explorer: Awaited<ReturnType<typeof startLocalExplorer>>;
  beforeAll(async () => {
    await insertFixtures(db().client);
    explorer = await startLocalExplorer({
      sql: db().client,
      env: { EXPLORER_ALLOWED_ORIGINS: 'http://localhost:4321' },
    });
  });
  afterAll(() => explorer?.close());

  it('serves the page and live sessions on an already-open SqlClient, which it leaves open', async () => {
    expect(explorer.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await fetch(explorer.url)).status).toBe(200);
    const client = await openClient(explorer.url, 'http://localhost:4321');
    client.send({ v: 1, type: 'hello', id: 0, state: { channels: ['UCnews'] } });
    const view = await client.next('view');
    expect(view.parts.table!.total).toBe(30);
    client.close();
    await expect(openClient(explorer.url, 'http://localhost:9999')).rejects.toThrow(/403/);
    await explorer.close();
    const { rows } = await db().client.query<{ n: number }>('SELECT count(*)::int AS n FROM videos');
    expect(rows[0]!.n).toBe(90);
  });
});

describeEachBackend('startLocalExplorer with sign-in asked for', (db) => {
  it('takes EXPLORER_AUTH and its issuer from the environment, as the container does', async () => {
    const explorer = await startLocalExplorer({
      sql: db().client,
      env: {
        EXPLORER_AUTH: 'jwt',
        EXPLORER_AUTH_ISSUER: 'https://idp.example',
        EXPLORER_AUTH_AUDIENCE: 'local',
      },
      log: { debug() {}, info() {}, warn() {}, error() {} },
    });
    try {
      expect((await fetch(explorer.url)).status).toBe(401);
      await expect(openClient(explorer.url)).rejects.toThrow(/401/);
      expect((await fetch(`${explorer.url}/healthz`)).status).toBe(200);
    } finally {
      await explorer.close();
    }
  });
});

describe('tubelens explorer', () => {
  it('rejects a bad --port with a usage error', async () => {
    let err = '';
    const code = await runCli(['explorer', '--port', 'eighty'], commands, {
      env: {},
      stdout: process.stdout,
      stderr: Object.assign(Object.create(process.stderr), {
        write: (s: string) => {
          err += s;
          return true;
        },
      }),
    });
    expect(code).toBe(2);
    expect(err).toMatch(/--port must be a number from 0 to 65535/);
  });
});
