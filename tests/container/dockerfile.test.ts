import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { SERVER_ARGS } from '../../container/serverArgs.ts';
import { ensureExplorerBuilt } from './support/explorerProcess.ts';

const read = (path: string) => readFile(new URL(`../../${path}`, import.meta.url), 'utf8');

describe('container/Dockerfile', () => {
  it('starts exactly what the tests start: node with SERVER_ARGS from container/', async () => {
    const dockerfile = await read('container/Dockerfile');
    const runtime = dockerfile.slice(dockerfile.indexOf('AS runtime'));
    const cmd = /^CMD (\[.*\])$/m.exec(runtime)?.[1];
    expect(cmd && JSON.parse(cmd)).toEqual(['node', ...SERVER_ARGS]);
    expect([...runtime.matchAll(/^WORKDIR (.+)$/gm)].at(-1)?.[1]).toBe('/app/container');
    expect(await read('tests/container/support/explorerProcess.ts')).toContain('[...SERVER_ARGS]');
  });

  it('runs as a non-root user on node:24-slim with a health check, production dependencies only', async () => {
    const dockerfile = await read('container/Dockerfile');
    expect(dockerfile.match(/^FROM node:24-slim/gm)).toHaveLength(2);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^HEALTHCHECK .*\n.*\/healthz/m);
    expect(dockerfile).toMatch(/npm ci --omit=dev/);
    // serverless.yml sets NODE_EXTRA_CA_CERTS to this path for verify-full TLS to Aurora.
    expect(dockerfile).toMatch(/^ADD .*global-bundle\.pem \/app\/certs\/rds-global-bundle\.pem$/m);
    expect(await read('serverless.yml')).toContain('/app/certs/rds-global-bundle.pem');
    expect(JSON.parse(await read('package.json')).scripts['build:explorer']).toBe('node container/build.ts');
  });

  it('bundles a server whose every package import is a production dependency', async () => {
    await ensureExplorerBuilt();
    const bundle = await read('container/dist/server.js');
    const { dependencies } = JSON.parse(await read('package.json'));
    const imported = new Set(
      [...bundle.matchAll(/(?:from|import\()\s*"([^".][^"]*)"/g)]
        .map((m) => m[1]!)
        .filter((name) => !name.startsWith('node:'))
        .map((name) => (name.startsWith('@') ? name.split('/').slice(0, 2).join('/') : name.split('/')[0]!)),
    );
    expect(imported.size).toBeGreaterThan(3);
    for (const name of imported)
      expect(dependencies, `${name} must be a production dependency`).toHaveProperty([name]);
  });
});
