import { Writable } from 'node:stream';
import { commands } from '../../local/cli/commands/index.ts';
import { runCli } from '../../local/cli/runCli.ts';

/** A stream that keeps what is written to it as text. */
function sink() {
  let text = '';
  const stream = new Writable({
    write(chunk, _encoding, done) {
      text += String(chunk);
      done();
    },
  });
  return { stream, text: () => text };
}

/** Runs `tubelens <args>` in this process with `env`, and returns its exit code and output. */
export async function runCliCaptured(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = sink();
  const err = sink();
  const code = await runCli([...args], commands, { env, stdout: out.stream, stderr: err.stream });
  return { code, stdout: out.text(), stderr: err.text() };
}
