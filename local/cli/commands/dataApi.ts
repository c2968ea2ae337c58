import { dataApiEnv } from '../../dataApi/dataApiEnv.ts';
import { startDataApiServer } from '../../dataApi/startDataApiServer.ts';
import { type Command, DATA_DIR_HELP, dataDirOption, UsageError } from '../Command.ts';
import { openDatabase } from '../openDatabase.ts';
import { untilInterrupted } from '../untilInterrupted.ts';

/** The port `tubelens data-api` listens on unless `--port` says otherwise. */
export const DEFAULT_DATA_API_PORT = 4580;

export const dataApiCommand: Command = {
  name: 'data-api',
  summary: 'serve the database through a local RDS Data API endpoint',
  usage: '[--port N] [--data-dir DIR]',
  help: `Starts a local stand-in for the RDS Data API (Aurora Serverless v2, PostgreSQL) on
127.0.0.1, so code written for @aws-sdk/client-rds-data runs unchanged against the local
database. It behaves like AWS where AWS is documented: Field types, error classes, the 1 MiB
response limit, one statement per call, transactions that expire after 3 idle minutes.
It accepts any signed request without checking the signature: loopback only, never expose it.
Runs until Ctrl-C. See docs/data-api.md.

Options:
  --port N         port to listen on (default ${DEFAULT_DATA_API_PORT}; 0 picks a free one)
${DATA_DIR_HELP}

Example:
  npx tubelens data-api --port 4580`,
  options: { ...dataDirOption, port: { type: 'string' } },
  async run(input) {
    const portText =
      typeof input.values.port === 'string' ? input.values.port : String(DEFAULT_DATA_API_PORT);
    const port = Number(portText);
    if (!/^\d+$/.test(portText) || port > 65535) {
      throw new UsageError(`--port must be a number from 0 to 65535, got ${portText}`);
    }
    const db = await openDatabase(input, { announceRelease: true });
    let server: Awaited<ReturnType<typeof startDataApiServer>>;
    try {
      server = await startDataApiServer({ sql: db, port });
    } catch (error) {
      await db.close();
      throw error;
    }
    const backend = db.embedded
      ? `embedded PostgreSQL in ${db.embedded.layout.root} (127.0.0.1:${db.embedded.port})`
      : 'PostgreSQL server (DATABASE_URL)';
    const env = dataApiEnv(server);
    input.stdout.write(
      `tubelens local RDS Data API: loopback only, signatures are not checked\n` +
        `  endpoint     ${server.url}\n` +
        `  resourceArn  ${server.resourceArn}\n` +
        `  secretArn    ${server.secretArn}\n` +
        `  database     ${server.database}\n` +
        `  backend      ${backend}\n\n` +
        `Environment for the SDK and the Lambda handlers:\n` +
        Object.entries(env)
          .map(([k, v]) => `  export ${k}=${v}\n`)
          .join('') +
        `\nPress Ctrl-C to stop.\n`,
    );
    await untilInterrupted();
    input.stdout.write('stopping the Data API endpoint\n');
    await server.close();
    await db.close();
    return 0;
  },
};
