import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
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

/** The osls CLI run on the Node running the tests (Node 24), not whatever `node` is first on PATH. */
const OSLS = resolve('node_modules/osls/bin/serverless.js');

/**
 * Runs `osls package` offline: dummy credentials, no profile, and every HTTP(S) request sent to a
 * proxy that does not exist, so a step that needed the network or a real account would fail here.
 */
export async function packageStack(
  options: { serviceDir?: string; stage?: string; region?: string; params?: Record<string, string> } = {},
): Promise<PackagedStack> {
  const serviceDir = options.serviceDir ?? process.cwd();
  const dir = await mkdtemp(join(tmpdir(), 'tubelens-package-'));
  const args = [
    OSLS,
    'package',
    '--stage',
    options.stage ?? 'test',
    '--region',
    options.region ?? 'us-east-1',
    '--package',
    dir,
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
  };
  let output: string;
  try {
    const result = await run(process.execPath, args, { cwd: serviceDir, env, maxBuffer: 16 * 1024 * 1024 });
    output = `${result.stdout}${result.stderr}`;
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`osls package failed:\n${e.stdout ?? ''}${e.stderr ?? ''}\n${e.message}`);
  }
  const template = JSON.parse(
    await readFile(join(dir, 'cloudformation-template-update-stack.json'), 'utf8'),
  ) as Template;
  return { dir, template, files: await readdir(dir), output };
}
