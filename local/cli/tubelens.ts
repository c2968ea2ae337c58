#!/usr/bin/env -S node --max-semi-space-size=4
// The `tubelens` command. Runs on Node 24, which executes TypeScript directly (type stripping).
import module from 'node:module';

// Node keeps the compiled (and type-stripped) code of every module it loads here, so the next
// command starts from cache: `tubelens --help` took 2.6 s instead of 4-5 s on a busy two-core
// machine. Enabled before anything else is imported, hence the dynamic imports below.
module.enableCompileCache?.(new URL('../../node_modules/.cache/tubelens-compile', import.meta.url).pathname);

const { commands } = await import('./commands/index.ts');
const { runCli } = await import('./runCli.ts');

process.exitCode = await runCli(process.argv.slice(2), commands, {
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
});
