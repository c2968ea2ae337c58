import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureExplorer } from './support/fixtureServer.ts';
import { openClient } from './support/wsClient.ts';

function get(url: string, host: string) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const request = http.get(url, { headers: { host }, agent: false }, (response) => {
      let body = '';
      response.on('data', (chunk) => {
        body += chunk;
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on('error', reject);
  });
}

describe('explorer Host check [embedded]', () => {
  let explorer: Awaited<ReturnType<typeof startFixtureExplorer>>;
  beforeAll(async () => {
    explorer = await startFixtureExplorer('embedded', {
      EXPLORER_ALLOWED_ORIGINS: 'https://explorer.example.com',
      EXPLORER_ALLOWED_HOSTS: 'internal-alb.example.net',
    });
  }, 60_000);
  afterAll(() => explorer?.close());

  it('refuses a page or an export addressed to a host it does not serve (DNS rebinding)', async () => {
    const page = await get(explorer.url, 'evil.example');
    expect(page.status).toBe(421);
    expect(page.body).not.toMatch(/<script/);
    expect((await get(`${explorer.url}/export.csv?session=x&token=y`, 'evil.example')).status).toBe(421);
  });

  it('refuses an upgrade for another host even when its Origin matches that host', async () => {
    await expect(
      openClient(explorer.url, 'http://evil.example', { headers: { host: 'evil.example' } }),
    ).rejects.toThrow(/421/);
  });

  it('serves its configured hosts and loopback names, and health checks whatever the Host', async () => {
    const { port } = new URL(explorer.url);
    for (const host of [
      'explorer.example.com',
      'internal-alb.example.net',
      `localhost:${port}`,
      `127.0.0.1:${port}`,
    ]) {
      expect((await get(explorer.url, host)).status, host).toBe(200);
    }
    // The ALB's health checks carry the target's IP address as the Host.
    expect((await get(`${explorer.url}/healthz`, '10.0.3.7:8080')).status).toBe(200);
    expect((await get(`${explorer.url}/readyz`, '10.0.3.7:8080')).status).toBe(200);
    const client = await openClient(explorer.url, 'https://explorer.example.com', {
      headers: { host: 'explorer.example.com' },
    });
    client.close();
  });
});
