import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { Template } from './validateTemplate.ts';

const run = promisify(execFile);

export interface PackagedStack {
  /** Where osls wrote the template, the state file and one zip per function. */
  readonly dir: string;
  readonly template: Template;
  /** File names in `dir`, e.g. `refresh.zip`. */
  readonly files: string[];
  /** What osls printed (for the failure message). */
  readonly output: string;
}

/**
 * osls and serverless-esbuild build in `.serverless/` and `.esbuild/` inside the service
 * directory, so two packages of one directory at once (two test files) break each other. A
 * directory made with mkdir is the lock, shared by every test process; a lock older than the
 * slowest package is taken to be left behind by a killed run.
 */
async function withPackageLock<T>(serviceDir: string, work: () => Promise<T>): Promise<T> {
  const lock = join(serviceDir, '.serverless-package.lock');
  const staleMs = 300_000;
  for (;;) {
    try {
      await mkdir(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const age =
        Date.now() -
        (await stat(lock).then(
          (s) => s.mtimeMs,
          () => Date.now(),
        ));
      if (age > staleMs) await rm(lock, { recursive: true, force: true });
      else await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  try {
    return await work();
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}

/** The osls CLI run on the Node running the tests (Node 24), not whatever `node` is first on PATH. */
const OSLS = resolve('node_modules/osls/bin/serverless.js');

/**
 * Runs `osls package` offline: dummy credentials, no profile, and every HTTP(S) request sent to a
 * proxy that does not exist, so a step that needed the network or a real account would fail here.
 */
/** A version ARN of the shape edge.yml outputs: sign-in (the default) needs one to package. */
export const EDGE_AUTH_VERSION_ARN =
  'arn:aws:lambda:us-east-1:123456789012:function:tubelens-test-edge-auth:7';

export async function packageStack(
  options: {
    serviceDir?: string;
    stage?: string;
    region?: string;
    params?: Record<string, string>;
    /** Another service file, e.g. edge.yml (default serverless.yml). */
    config?: string;
  } = {},
): Promise<PackagedStack> {
  const serviceDir = options.serviceDir ?? process.cwd();
  const dir = await mkdtemp(join(tmpdir(), 'tubelens-package-'));
  // serverless-esbuild stages every zip in a folder of the temp dir and leaves it there: osls
  // gets a temp dir of its own, removed after the run.
  const ownTmp = await mkdtemp(join(tmpdir(), 'tubelens-package-tmp-'));
  const args = [
    OSLS,
    'package',
    '--stage',
    options.stage ?? 'test',
    '--region',
    options.region ?? 'us-east-1',
    '--package',
    dir,
    ...(options.config ? ['--config', options.config] : []),
    ...Object.entries(options.params ?? {}).flatMap(([k, v]) => ['--param', `${k}=${v}`]),
  ];
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    TZ: 'UTC',
    CI: '1',
    AWS_ACCESS_KEY_ID: 'AKIAOFFLINEPACKAGING',
    AWS_SECRET_ACCESS_KEY: 'offline-packaging-dummy-secret',
    AWS_REGION: options.region ?? 'us-east-1',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    HTTP_PROXY: 'http://127.0.0.1:9',
    HTTPS_PROXY: 'http://127.0.0.1:9',
    http_proxy: 'http://127.0.0.1:9',
    https_proxy: 'http://127.0.0.1:9',
    NO_PROXY: '',
    SLS_TELEMETRY_DISABLED: '1',
    SLS_NOTIFICATIONS_MODE: 'off',
    SLS_DEPRECATION_DISABLE: '*',
    TMPDIR: ownTmp,
  };
  let output: string;
  try {
    const result = await withPackageLock(serviceDir, () =>
      run(process.execPath, args, { cwd: serviceDir, env, maxBuffer: 16 * 1024 * 1024 }),
    );
    output = `${result.stdout}${result.stderr}`;
  } catch (error) {
    // A packaging a test expects to fail leaves no directory behind either.
    await rm(dir, { recursive: true, force: true });
    const e = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`osls package failed:\n${e.stdout ?? ''}${e.stderr ?? ''}\n${e.message}`);
  } finally {
    await rm(ownTmp, { recursive: true, force: true });
  }
  const template = JSON.parse(
    await readFile(join(dir, 'cloudformation-template-update-stack.json'), 'utf8'),
  ) as Template;
  return { dir, template, files: await readdir(dir), output };
}
