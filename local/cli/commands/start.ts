import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrate } from '../../../db/migrate.ts';
import { databaseSummary, formatSummary } from '../../../db/queries/databaseSummary.ts';
import type { SqlClient } from '../../../db/sql/SqlClient.ts';
import { type Command, type CommandInput, DATA_DIR_HELP, dataDirOption, UsageError } from '../Command.ts';
import { openDatabase } from '../openDatabase.ts';
import { untilInterrupted } from '../untilInterrupted.ts';
import { loadFileWithReport } from './load.ts';
import { DEFAULT_S3_DIR } from './refresh.ts';
import { type ServiceOptions, serviceSteps } from './startServices.ts';

/** The bundled demo set (CC0, see data/demo/ATTRIBUTION.md); its category JSON sits next to it. */
export const DEMO_FILE = fileURLToPath(
  new URL('../../../data/demo/US_trending_2017-11.csv.gz', import.meta.url),
);

/** Something a start step left running (a local endpoint, a server); closed on Ctrl-C. */
export interface RunningPart {
  readonly name: string;
  readonly url?: string;
  close(): Promise<void>;
}

export interface StartContext {
  readonly db: SqlClient;
  readonly input: CommandInput;
}

/**
 * One step of `tubelens start`, run in order. A step that starts something long-lived returns
 * it; `start` then stays up until Ctrl-C and closes every part, newest first.
 */
export interface StartStep {
  readonly name: string;
  run(context: StartContext): Promise<RunningPart | undefined>;
}

export const migrateStep: StartStep = {
  name: 'migrate',
  async run({ db, input }) {
    const result = await migrate(db);
    input.stdout.write(
      result.applied.length
        ? `migrated the schema to version ${result.current}\n`
        : `schema is up to date (version ${result.current})\n`,
    );
    return undefined;
  },
};

/** Loads the demo set when the database has no videos yet, so it happens on the first run only. */
export const loadDemoStep: StartStep = {
  name: 'load demo data',
  async run({ db, input }) {
    const { rows } = await db.query<{ has_videos: boolean }>(
      'SELECT EXISTS (SELECT 1 FROM videos) AS has_videos',
    );
    if (rows[0]!.has_videos) {
      input.stdout.write('the database already has data; the demo set is loaded on the first run only\n');
      return undefined;
    }
    const relative = path.relative(process.cwd(), DEMO_FILE);
    await loadFileWithReport(db, relative.startsWith('..') ? DEMO_FILE : relative, {}, input);
    return undefined;
  },
};

export const summaryStep: StartStep = {
  name: 'summary',
  async run({ db, input }) {
    input.stdout.write(`\n${formatSummary(await databaseSummary(db))}\n`);
    return undefined;
  },
};

/** The database steps: what `npm start --once` does, and what every `npm start` does first. */
export const startSteps: readonly StartStep[] = [migrateStep, loadDemoStep, summaryStep];

const INTERRUPTED: unique symbol = Symbol('interrupted');

/**
 * Runs the steps; if any left something running, waits for Ctrl-C, then closes it all, newest
 * first, and leaves the embedded server (stopped unless another tubelens process still uses it).
 * Ctrl-C during the steps (a first run's demo load) stops there and cleans up the same way.
 */
export async function runStart(
  input: CommandInput,
  steps: readonly StartStep[] = startSteps,
  waitForStop: () => Promise<unknown> = untilInterrupted,
): Promise<number> {
  const stop: Promise<typeof INTERRUPTED> = waitForStop().then(() => INTERRUPTED);
  const db = await openDatabase(input, { migrateFirst: false, announceRelease: true });
  const running: RunningPart[] = [];
  let interrupted = false;
  let cutShort = false;
  try {
    for (const step of steps) {
      const pending = step.run({ db, input });
      const part = await Promise.race([pending, stop]);
      if (part === INTERRUPTED) {
        interrupted = true;
        cutShort = true;
        // The step fails once its connections go; nothing is left to report of it.
        pending.then(
          (late) => late?.close(),
          () => {},
        );
        input.stderr.write(`interrupted during "${step.name}"; stopping\n`);
        break;
      }
      if (part) {
        running.push(part);
        input.stdout.write(`${part.name}${part.url ? ` at ${part.url}` : ''}\n`);
      }
    }
    if (!interrupted && running.length > 0) {
      input.stdout.write('tubelens is running; press Ctrl-C to stop\n');
      await stop;
      interrupted = true;
    }
  } finally {
    if (interrupted) input.stdout.write('stopping tubelens\n');
    for (const part of running.reverse()) await part.close().catch(() => {});
    await db.close();
  }
  return cutShort ? 130 : 0;
}

function portOption(input: CommandInput, name: string, fallback: number): number {
  const value = input.values[name];
  const text = typeof value === 'string' ? value : String(fallback);
  if (!/^\d+$/.test(text) || Number(text) > 65_535) {
    throw new UsageError(`--${name} must be a number from 0 to 65535, got ${JSON.stringify(text)}`);
  }
  return Number(text);
}

/** The options of `start`, read and checked before anything starts. */
export function readServiceOptions(input: CommandInput): ServiceOptions {
  const s3Dir = input.values['s3-dir'];
  return {
    sitePort: portOption(input, 'port', 4321),
    explorerPort: portOption(input, 'explorer-port', 8081),
    dataApiPort: portOption(input, 'data-api-port', 4580),
    s3Dir: typeof s3Dir === 'string' && s3Dir ? s3Dir : DEFAULT_S3_DIR,
  };
}

export const startCommand: Command = {
  name: 'start',
  summary: 'run tubelens locally: database, demo data, Data API, refresh, report site and explorer',
  usage: '[--data-dir DIR] [--once] [--port N] [--explorer-port N] [--data-api-port N] [--s3-dir DIR]',
  help: `Brings the whole system up on one machine, on the embedded database (or DATABASE_URL):
  1. applies pending migrations;
  2. loads the bundled 2017 US trending demo set if the database has no videos yet;
  3. prints what is in the database;
  4. starts the local RDS Data API endpoint (what the Lambdas use to reach Aurora);
  5. runs the refresh Lambda through it, publishing every report into a local S3;
  6. serves the static report site with those reports, and prints its URL;
  7. starts the interactive explorer on the same database, and prints its URL.
It then runs until Ctrl-C, and closes everything in reverse order.

Options:
${DATA_DIR_HELP}
  --once               do steps 1 to 3 and exit (no servers)
  --port N             report site port (default 4321; 0 picks a free one)
  --explorer-port N    explorer port (default 8081)
  --data-api-port N    local Data API port (default 4580)
  --s3-dir DIR         where the local S3 keeps the published reports (default ${DEFAULT_S3_DIR})`,
  options: {
    ...dataDirOption,
    once: { type: 'boolean' },
    port: { type: 'string' },
    'explorer-port': { type: 'string' },
    'data-api-port': { type: 'string' },
    's3-dir': { type: 'string' },
  },
  run(input) {
    const services = readServiceOptions(input);
    return runStart(input, input.values.once ? startSteps : [...startSteps, ...serviceSteps(services)]);
  },
};
