import type { ParseArgsConfig } from 'node:util';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export interface CommandInput {
  readonly values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  readonly positionals: string[];
  readonly env: NodeJS.ProcessEnv;
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean };
  /** The subcommand's name (`load`), for records other processes read; set by runCli. */
  readonly command?: string;
}

/** One `tubelens <name>` subcommand. `run` resolves to the exit code. */
export interface Command {
  readonly name: string;
  readonly summary: string;
  /** Usage lines after `tubelens <name>`, e.g. `<file...> [--skip-bad-rows]`. */
  readonly usage: string;
  /** Longer help: what it does, each option, and an example. */
  readonly help: string;
  readonly options: OptionSpec;
  /** Whether extra positional arguments are accepted. */
  readonly allowPositionals?: boolean;
  run(input: CommandInput): Promise<number>;
}

/** Raised for bad command-line input: printed without a stack, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** The option every command that touches the database accepts. */
export const dataDirOption: OptionSpec = {
  'data-dir': { type: 'string' },
};

export const DATA_DIR_HELP =
  '  --data-dir DIR   data dir of the embedded PostgreSQL (default .tubelens), shared by every\n' +
  '                   tubelens process on it; set DATABASE_URL=postgres://... to use a server instead';
