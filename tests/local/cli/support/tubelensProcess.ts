import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import path from 'node:path';

const NODE = 'node_modules/.bin/node';
const CLI = 'local/cli/tubelens.ts';

/** The environment a user's shell would give tubelens: no DATABASE_URL, so the embedded default. */
function userEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { DATABASE_URL: _ignored, ...base } = process.env;
  return { ...base, TZ: 'UTC', ...env };
}

/** Runs `tubelens ...args` in a child process, as a user would, and collects its output. */
export function tubelens(args: string[], env: NodeJS.ProcessEnv = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(NODE, [CLI, ...args], { env: userEnv(env) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
    });
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

export interface StartedTubelens {
  readonly child: ChildProcessWithoutNullStreams;
  /** Resolves with stdout once `tubelens start` says it is running; rejects if it exits first. */
  readonly running: Promise<string>;
  /** Resolves with the exit code. */
  readonly exited: Promise<number | null>;
  output(): { stdout: string; stderr: string };
}

/** Starts `tubelens start` on free ports with its data and local S3 under `dir`. */
export function startTubelens(dir: string, extra: string[] = []): StartedTubelens {
  const child = spawn(
    NODE,
    [
      CLI,
      'start',
      '--data-dir',
      path.join(dir, 'db'),
      '--s3-dir',
      path.join(dir, 's3'),
      '--port',
      '0',
      '--explorer-port',
      '0',
      '--data-api-port',
      '0',
      ...extra,
    ],
    { env: userEnv({}) },
  );
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => {
    stderr += c.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const running = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
      if (stdout.includes('tubelens is running')) resolve(stdout);
    });
    exited.then((code) => reject(new Error(`start exited with ${code}\n${stdout}\n${stderr}`)));
  });
  running.catch(() => {});
  return { child, running, exited, output: () => ({ stdout, stderr }) };
}

/** The URL `tubelens start` printed for one of its parts (`report site at http://...`). */
export function urlOf(stdout: string, name: string): string {
  const match = new RegExp(`^${name} at (\\S+)$`, 'm').exec(stdout);
  if (!match) throw new Error(`no URL for ${name} in:\n${stdout}`);
  return match[1]!;
}
