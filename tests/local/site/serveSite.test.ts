import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { directoryObjectStore } from '../../../functions/refresh/objectStore/directoryObjectStore.ts';
import { s3ObjectStore } from '../../../functions/refresh/objectStore/s3ObjectStore.ts';
import { LOCAL_REPORT_BUCKET, startLocalS3 } from '../../../local/s3/startLocalS3.ts';
import { ServeSiteError, serveSite } from '../../../local/site/serveSite.ts';

// Raw HTTP (not fetch) so the test sees the bytes and headers exactly as sent.
function get(url: string, headers: Record<string, string> = {}, method = 'GET') {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>(
    (resolve, reject) => {
      const request = http.request(url, { method, headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (c: Buffer) => chunks.push(c));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks),
          }),
        );
      });
      request.on('error', reject);
      request.end();
    },
  );
}

const report = { dataAsOf: '2026-03-05', value: 'é ✓' };
const reportKey = 'data/g/20260305T000000Z-abcdef/overview.json';
const gzipMeta = {
  contentType: 'application/json',
  contentEncoding: 'gzip',
  cacheControl: 'public, max-age=31536000, immutable',
};
let work: string;
let siteDir: string;
let dataDir: string;

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'tubelens-serve-'));
  siteDir = path.join(work, 'site');
  dataDir = path.join(work, 'published');
  await mkdir(path.join(siteDir, '_astro'), { recursive: true });
  await writeFile(path.join(siteDir, 'index.html'), '<!doctype html><title>home</title>');
  await writeFile(path.join(siteDir, 'channels.html'), '<!doctype html><title>channels</title>');
  await writeFile(path.join(siteDir, '_astro/page.abc123.js'), 'console.log(1)');
  await writeFile(path.join(work, 'secret.txt'), 'outside the site');
  // Published the way the refresh's directory adapter does it: plain body beside the .gz.
  const store = directoryObjectStore(dataDir);
  await store.put(reportKey, gzipSync(JSON.stringify(report)), gzipMeta);
  await store.put('data/manifest.json', Buffer.from('{"schemaVersion":1}'), {
    contentType: 'application/json',
    cacheControl: 'public, max-age=60',
  });
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('serveSite', () => {
  it('serves pages and hashed assets under a sub-path with their types, cache headers and gzip when asked', async () => {
    const served = await serveSite({ siteDir, dataDir, basePath: '/reports/tubelens' });
    try {
      expect(served.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/reports\/tubelens\/$/);
      const home = await get(served.url);
      expect(home.status).toBe(200);
      expect(home.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(home.headers['cache-control']).toBe('no-cache');
      expect(home.body.toString()).toContain('<title>home</title>');
      const page = await get(`${served.url}channels.html`);
      expect(page.body.toString()).toContain('channels');
      const zipped = await get(`${served.url}channels.html`, { 'Accept-Encoding': 'gzip' });
      expect(zipped.headers['content-encoding']).toBe('gzip');
      expect(gunzipSync(zipped.body).toString()).toContain('<title>channels</title>');
      const asset = await get(`${served.url}_astro/page.abc123.js`);
      expect(asset.headers['content-type']).toBe('text/javascript; charset=utf-8');
      expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      // No /route → /route/index.html magic, just as on S3.
      expect((await get(`${served.url}channels`)).status).toBe(404);
      expect((await get(served.url.replace('/reports/tubelens/', '/index.html'))).status).toBe(404);
      const bare = await get(served.url.slice(0, -1));
      expect(bare.status).toBe(301);
      expect(bare.headers.location).toBe('/reports/tubelens/');
    } finally {
      await served.close();
    }
  });

  it('sends a gzip object with Content-Encoding: gzip, or decoded to a client that does not take gzip', async () => {
    const served = await serveSite({ siteDir, dataDir });
    try {
      const zipped = await get(`${served.url}${reportKey}`, { 'Accept-Encoding': 'gzip, deflate, br' });
      expect(zipped.status).toBe(200);
      expect(zipped.headers['content-encoding']).toBe('gzip');
      expect(zipped.headers['content-type']).toBe('application/json');
      expect(zipped.headers.vary).toBe('Accept-Encoding');
      expect(zipped.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(JSON.parse(gunzipSync(zipped.body).toString('utf8'))).toEqual(report);

      const plain = await get(`${served.url}${reportKey}`);
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(JSON.parse(plain.body.toString('utf8'))).toEqual(report);
      expect(Number(plain.headers['content-length'])).toBe(plain.body.length);

      const manifest = await get(`${served.url}data/manifest.json`, { 'Accept-Encoding': 'gzip' });
      expect(manifest.headers['content-encoding']).toBeUndefined();
      expect(manifest.headers['cache-control']).toBe('no-cache');
      expect(manifest.body.toString()).toBe('{"schemaVersion":1}');
      expect((await get(`${served.url}data/g/nothing.json`)).status).toBe(404);
    } finally {
      await served.close();
    }
  });

  it('serves the data from the local S3 through the S3 object store', async () => {
    const s3 = await startLocalS3();
    const store = s3ObjectStore({ bucket: LOCAL_REPORT_BUCKET, endpoint: s3.endpoint });
    await store.put(reportKey, gzipSync(JSON.stringify(report)), gzipMeta);
    const served = await serveSite({ siteDir, dataSource: store });
    try {
      const zipped = await get(`${served.url}${reportKey}`, { 'Accept-Encoding': 'gzip' });
      expect(zipped.headers['content-encoding']).toBe('gzip');
      expect(zipped.headers['content-type']).toBe('application/json');
      expect(JSON.parse(gunzipSync(zipped.body).toString('utf8'))).toEqual(report);
      expect((await get(`${served.url}data/manifest.json`)).status).toBe(404);
    } finally {
      await served.close();
      await s3.close();
    }
  });

  it('refuses paths outside the site, methods other than GET and HEAD, and a site that was not built', async () => {
    const served = await serveSite({ siteDir, dataDir });
    try {
      for (const probe of [
        '..%2fsecret.txt',
        '%2e%2e/secret.txt',
        'data/..%2f..%2fsecret.txt',
        '_astro/%2e%2e/%2e%2e/secret.txt',
      ]) {
        const response = await get(`${served.url}${probe}`);
        expect(response.status, probe).toBe(404);
        expect(response.body.toString()).not.toContain('outside the site');
      }
      expect((await get(served.url, {}, 'POST')).status).toBe(405);
      const head = await get(`${served.url}index.html`, {}, 'HEAD');
      expect(head.status).toBe(200);
      expect(head.body.length).toBe(0);
    } finally {
      await served.close();
    }
    await expect(serveSite({ siteDir: path.join(work, 'nowhere') })).rejects.toThrow(ServeSiteError);
    await expect(serveSite({ siteDir: path.join(work, 'nowhere') })).rejects.toThrow(
      'build the site first (npm run build)',
    );
  });

  it('answers only requests addressed to a loopback name, so a DNS-rebinding page gets nothing', async () => {
    const served = await serveSite({ siteDir, dataDir });
    try {
      const { port } = new URL(served.url);
      const rebound = await get(`${served.url}${reportKey}`, { host: `evil.example:${port}` });
      expect(rebound.status).toBe(421);
      expect(rebound.body.toString()).not.toContain('dataAsOf');
      for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]) {
        expect((await get(served.url, { host })).status, host).toBe(200);
      }
    } finally {
      await served.close();
    }
  });
});
