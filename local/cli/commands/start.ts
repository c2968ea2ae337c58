import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrate } from '../../../db/migrate.ts';
import { databaseSummary, formatSummary } from '../../../db/queries/databaseSummary.ts';
import type { SqlClient } from '../../../db/sql/SqlClient.ts';
import { type Command, type CommandInput, DATA_DIR_HELP, dataDirOption } from '../Command.ts';
import { openDatabase } from '../openDatabase.ts';
import { loadFileWithReport } from './load.ts';

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

/**
 * What `npm start` does, in order. Later parts (the local Data API endpoint, the refresh into
 * the local S3, the site, the explorer) are added here as steps that return a RunningPart.
 */
export const startSteps: readonly StartStep[] = [migrateStep, loadDemoStep, summaryStep];

/** Resolves on the first SIGINT or SIGTERM. */
function untilInterrupted(): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      resolve();
    };
    process.on('SIGINT', done);
    process.on('SIGTERM', done);
  });
}

/** Runs the steps; if any left something running, waits for Ctrl-C, then closes it all. */
export async function runStart(
  input: CommandInput,
  steps: readonly StartStep[] = startSteps,
  waitForStop: () => Promise<void> = untilInterrupted,
): Promise<number> {
  const db = await openDatabase(input, { migrateFirst: false });
  const running: RunningPart[] = [];
  try {
    for (const step of steps) {
      const part = await step.run({ db, input });
      if (part) {
        running.push(part);
        input.stdout.write(`${part.name}${part.url ? ` at ${part.url}` : ''}\n`);
      }
    }
    if (running.length > 0) {
      input.stdout.write('tubelens is running; press Ctrl-C to stop\n');
      await waitForStop();
    }
  } finally {
    for (const part of running.reverse()) await part.close().catch(() => {});
    await db.close();
  }
  return 0;
}

export const startCommand: Command = {
  name: 'start',
  summary: 'run tubelens locally: migrate, load the demo set on first run, print a summary',
  usage: '[--data-dir DIR]',
  help: `Brings tubelens up on the embedded database (or DATABASE_URL): applies pending migrations,
loads the bundled 2017 US trending demo set if the database has no videos yet, and prints what is
in the database. When later parts start local servers, it stays up until Ctrl-C; until then it
exits after the summary.

Options:
${DATA_DIR_HELP}`,
  options: { ...dataDirOption },
  run: (input) => runStart(input),
};
