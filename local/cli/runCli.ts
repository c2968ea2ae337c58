import { parseArgs } from 'node:util';
import { type Command, type CommandInput, UsageError } from './Command.ts';

function overview(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return `tubelens: YouTube channel analytics (local tools)

Usage: tubelens <command> [options]      tubelens <command> --help

Commands:
${commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}

Environment:
  DATABASE_URL   postgres://... to use a PostgreSQL server instead of the embedded database
`;
}

function commandHelp(c: Command): string {
  return `Usage: tubelens ${c.name} ${c.usage}\n\n${c.summary}.\n\n${c.help}\n`;
}

/** Parses argv, runs one command, and turns errors into messages and exit codes. */
export async function runCli(
  argv: string[],
  commands: readonly Command[],
  io: Pick<CommandInput, 'env' | 'stdout' | 'stderr'>,
): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(overview(commands));
    return name ? 0 : 2;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.stderr.write(`tubelens: unknown command "${name}". Run "tubelens --help" for the list.\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(commandHelp(command));
    return 0;
  }
  try {
    let parsed: ReturnType<typeof parseArgs>;
    try {
      parsed = parseArgs({
        args: rest,
        options: command.options,
        allowPositionals: command.allowPositionals ?? false,
        strict: true,
      });
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    return await command.run({
      values: parsed.values,
      positionals: parsed.positionals,
      ...io,
      command: name,
    });
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`tubelens ${name}: ${error.message}\nUsage: tubelens ${name} ${command.usage}\n`);
      return 2;
    }
    const err = error as Error;
    io.stderr.write(`tubelens ${name}: ${messageOf(err, name)}\n`);
    if (io.env.TUBELENS_DEBUG) io.stderr.write(`${err.stack}\n`);
    return 1;
  }
}

/**
 * The error as a user reads it: a port already taken names the port and how to choose another; a
 * database that does not exist says how to make it.
 */
function messageOf(error: Error, command: string): string {
  const e = error as NodeJS.ErrnoException & { address?: string; port?: number };
  if (e.code === 'EADDRINUSE' && e.port !== undefined) {
    return (
      `port ${e.port} on ${e.address} is already in use, by another tubelens or another program; ` +
      `stop it, or choose another port (tubelens ${command} --help lists the port options)`
    );
  }
  // PostgreSQL's invalid_catalog_name: DATABASE_URL names a database the server does not have.
  if (e.code === '3D000') {
    return `${error.message}: create it first (createdb, or CREATE DATABASE), or point DATABASE_URL at one that exists`;
  }
  return error.message;
}
