import { spawn } from 'node:child_process';
import { EmbeddedPostgresError } from './errors.ts';
import type { ServerUser } from './serverUser.ts';

/**
 * Runs one of PostgreSQL's command-line tools (initdb, pg_ctl) as the server's user, with English
 * messages, and resolves with what it printed. A failure carries its output in the message.
 */
export function runTool(
  file: string,
  args: readonly string[],
  user: ServerUser,
  what: string,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      ...user.spawn,
      env: { ...process.env, LC_MESSAGES: 'C', LANG: 'C' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on('error', (cause) =>
      reject(new EmbeddedPostgresError(`${what} could not run: ${cause.message}`, { cause })),
    );
    child.on('close', (code) => {
      if (code === 0) resolve(output);
      else reject(new EmbeddedPostgresError(`${what} failed (exit ${code}): ${output.trim()}`));
    });
  });
}
