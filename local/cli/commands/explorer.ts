import { startLocalExplorer } from '../../explorer/startLocalExplorer.ts';
import { type Command, DATA_DIR_HELP, dataDirOption, UsageError } from '../Command.ts';
import { openDatabase } from '../openDatabase.ts';
import { untilInterrupted } from '../untilInterrupted.ts';

export const explorerCommand: Command = {
  name: 'explorer',
  summary: 'run the interactive explorer (WebSocket server) on the local database',
  usage: '[--port N] [--data-dir DIR]',
  help: `Serves the explorer page and its WebSocket sessions, answering every change with live queries
on the database. Ctrl-C stops it (sessions are told to reconnect; in-flight queries finish first).

Options:
  --port N         port to listen on (default 8081; 0 picks a free one)
${DATA_DIR_HELP}

Environment:
  EXPLORER_ALLOWED_ORIGINS   extra origins allowed to open sessions, comma-separated
                             (the explorer's own origin is always allowed)
  EXPLORER_ALLOWED_HOSTS     host names it answers to besides localhost, 127.0.0.1, [::1]
                             and the allowed origins' hosts
  EXPLORER_AUTH=jwt          sign-in on (off unless asked for), with EXPLORER_AUTH_ISSUER,
                             EXPLORER_AUTH_AUDIENCE and optionally EXPLORER_AUTH_JWKS_URI and
                             EXPLORER_AUTH_SIGN_OUT_URL (docs/explorer.md, "Sign-in")

Example:
  npx tubelens explorer --port 8081`,
  options: { ...dataDirOption, port: { type: 'string' } },
  async run(input) {
    const portText = typeof input.values.port === 'string' ? input.values.port : '8081';
    if (!/^\d+$/.test(portText) || Number(portText) > 65_535) {
      throw new UsageError(`--port must be a number from 0 to 65535, got ${JSON.stringify(portText)}`);
    }
    const sql = await openDatabase(input, { announceRelease: true });
    try {
      const explorer = await startLocalExplorer({ sql, port: Number(portText), env: input.env });
      input.stdout.write(`explorer listening on ${explorer.url} (Ctrl-C to stop)\n`);
      const signal = await untilInterrupted();
      input.stdout.write(`${signal}: draining sessions…\n`);
      await explorer.close();
      input.stdout.write('explorer stopped\n');
    } finally {
      await sql.close();
    }
    return 0;
  },
};
