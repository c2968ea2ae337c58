#!/usr/bin/env -S node --max-semi-space-size=4
// The `tubelens` command. Runs on Node 24, which executes TypeScript directly (type stripping).
import { commands } from './commands/index.ts';
import { runCli } from './runCli.ts';

process.exitCode = await runCli(process.argv.slice(2), commands, {
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
});
