import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { attachEmbeddedPostgres } from '../../local/postgres/attachEmbeddedPostgres.ts';

/**
 * Finds the servers the tests can use. The embedded PostgreSQL (the product's own default) is
 * always there: this starts it, in `.tubelens-test/` of the checkout, through the same code every
 * tubelens process uses, and stops it at the end (unless another test run on this checkout still
 * uses it). A server named by an environment variable must be reachable; otherwise the default
 * local one is used when it answers. Tests that need a server that is not there are skipped by
 * name, and TUBELENS_REQUIRE_SERVERS=1 (set by .ci/run) turns that skip into a failure.
 */
const DEFAULT_PG = 'postgres://postgres@127.0.0.1:5432/test';
const DEFAULT_REDIS = 'redis://127.0.0.1:6379';
export const TEST_DATA_DIR = fileURLToPath(new URL('../../.tubelens-test', import.meta.url));

function reachable(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname || '127.0.0.1', port: Number(port) });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.on('connect', () => done(true));
    socket.on('error', () => done(false));
  });
}

async function pick(envName: string, fallback: string): Promise<string> {
  const named = process.env[envName];
  if (named) {
    if (!(await reachable(named))) throw new Error(`${envName}=${named} is set but does not answer`);
    return named;
  }
  return (await reachable(fallback)) ? fallback : '';
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** The embedded PostgreSQL 17 started for this test run (its `tubelens` database). */
    embeddedUrl: string;
    pgUrl: string;
    redisUrl: string;
    requireServers: boolean;
  }
}

export default async function setup(project: TestProject) {
  process.env.TZ = 'UTC';
  const embedded = await attachEmbeddedPostgres({
    dataDir: path.join(TEST_DATA_DIR, 'db'),
    command: 'vitest',
    log: (line) => process.stderr.write(`${line}\n`),
  });
  project.provide('embeddedUrl', embedded.url);
  project.provide('pgUrl', await pick('TUBELENS_TEST_DATABASE_URL', DEFAULT_PG));
  project.provide('redisUrl', await pick('TUBELENS_TEST_REDIS_URL', DEFAULT_REDIS));
  project.provide('requireServers', process.env.TUBELENS_REQUIRE_SERVERS === '1');
  return async () => {
    await embedded.release();
  };
}
