import {
  findCategoryFile,
  type LoadFileResult,
  loadFile,
  openTrendingFile,
  readCategoryFile,
} from '../../../db/load/index.ts';
import type { SqlClient } from '../../../db/sql/SqlClient.ts';
import { type Command, type CommandInput, DATA_DIR_HELP, dataDirOption, UsageError } from '../Command.ts';
import { withDatabase } from '../openDatabase.ts';
import { progressReporter } from '../progressReporter.ts';

export interface LoadFileOptions {
  readonly skipBadRows?: boolean;
  /** A category JSON to use instead of looking next to the CSV. */
  readonly categoriesFile?: string | undefined;
}

const n = (value: number) => value.toLocaleString('en-US');
/** `1 row`, `0 rows`, `3,000 rows`. */
const counted = (value: number, noun: string) => `${n(value)} ${noun}${value === 1 ? '' : 's'}`;

/**
 * Loads one file with progress on stderr and a report of what happened: the summary on stdout,
 * every skipped record and warning on stderr. Throws (having loaded nothing) on a bad file.
 */
export async function loadFileWithReport(
  db: SqlClient,
  file: string,
  options: LoadFileOptions,
  io: Pick<CommandInput, 'stdout' | 'stderr'>,
): Promise<LoadFileResult> {
  const categoriesFile = options.categoriesFile ?? (await findCategoryFile(file));
  const categories = categoriesFile ? await readCategoryFile(categoriesFile) : [];
  io.stdout.write(`loading ${file}${categoriesFile ? ` (categories: ${categoriesFile})` : ''}\n`);
  const progress = progressReporter(io.stderr);
  const started = performance.now();
  let rows = 0;
  const result = await loadFile(db, await openTrendingFile(file), {
    file,
    categories,
    skipBadRows: options.skipBadRows ?? false,
    onProgress: (p) => {
      rows = p.rows;
      if (p.phase === 'waiting')
        io.stderr.write(`${file}: waiting for another load into this database to finish\n`);
      if (p.phase === 'reading') progress.update({ done: p.rows, unit: 'rows', detail: file });
      if (p.phase === 'merging') progress.finish({ done: p.rows, unit: 'rows', detail: `${file}, merging` });
    },
    onBadRecord: (bad) => io.stderr.write(`skipped ${bad.file}: line ${bad.line}: ${bad.reason}\n`),
  }).catch((error: unknown) => {
    if (rows > 0) io.stderr.write('\n');
    throw error;
  });
  for (const w of result.warnings) {
    io.stderr.write(`warning ${file}${w.line === null ? '' : `: line ${w.line}`}: ${w.message}\n`);
  }
  const seconds = (performance.now() - started) / 1000;
  const range = result.firstDay ? ` (${result.firstDay} to ${result.lastDay})` : '';
  io.stdout.write(
    `loaded ${file} [${result.format}]: ${counted(result.rows, 'row')}, ${counted(result.videos, 'video')}, ` +
      `${counted(result.channels, 'channel')}, ${counted(result.days, 'day')}${range}; ` +
      `${n(result.skipped.length)} skipped, ${counted(result.warnings.length, 'warning')}; ` +
      `${seconds.toFixed(1)} s (${n(Math.round(result.rows / Math.max(seconds, 1e-3)))} rows/s)\n`,
  );
  // Only files with videos carry category ids (not a tracker's channel files).
  if (!categoriesFile && result.videos > 0) {
    io.stdout.write(
      `  categories: no *category_id*.json next to ${file}; "Category N" placeholders until one is loaded (--categories FILE)\n`,
    );
  }
  return result;
}

export const loadCommand: Command = {
  name: 'load',
  summary: 'load Kaggle YouTube trending CSVs (2017, 2020+) and tracker CSVs (.csv or .csv.gz)',
  usage: '<file...> [--skip-bad-rows] [--categories FILE] [--data-dir DIR]',
  help: `Loads each file in its own transaction. The format is detected from the header:
  Kaggle datasnaek/youtube-new (2017) or rsrishav daily (2020+): channels and videos are upserted
    and every trending day becomes a daily snapshot (video_daily_stats);
  tracker daily channel snapshots (date_utc,channel_id,channel_title,subscribers,views,videos):
    one channel_daily_stats row per channel and UTC day, the channel's latest counts from its
    newest one;
  tracker video snapshots (snapshot_month,snapshot_utc,channel_id,...,comment_count): videos and
    one video_daily_stats row per video and UTC day of snapshot_utc (the day's last snapshot wins);
  tracker channels reference (channel_id,channel_title,custom_url,...,last_seen_utc): titles,
    handles, countries, creation dates and uploads playlists.
Files may be gzip-compressed and may start with a UTF-8 BOM. Loading the same file again leaves
the database as it was.

By default the first bad record stops the load with its file, line and reason, and nothing of that
file is kept (files before it stay loaded). Views that go down between two trending days are kept
and reported as warnings.

Categories come from the videoCategories.list JSON next to each file (a *category_id*.json in the
same folder, the one whose name shares the longest prefix with the CSV's), or from --categories.

Options:
  --skip-bad-rows     load the good records and report every skipped one (file, line, reason)
  --categories FILE   the category JSON to use for every file
${DATA_DIR_HELP}

Examples:
  tubelens load data/demo/US_trending_2017-11.csv.gz
  tubelens load channels.csv channel_daily.csv video_snapshots_2026-01.csv`,
  options: {
    ...dataDirOption,
    'skip-bad-rows': { type: 'boolean' },
    categories: { type: 'string' },
  },
  allowPositionals: true,
  async run(input) {
    if (input.positionals.length === 0) throw new UsageError('name at least one CSV file to load');
    const options: LoadFileOptions = {
      skipBadRows: input.values['skip-bad-rows'] === true,
      categoriesFile: typeof input.values.categories === 'string' ? input.values.categories : undefined,
    };
    let rows = 0;
    await withDatabase(input, async (db) => {
      for (const file of input.positionals) {
        rows += (await loadFileWithReport(db, file, options, input)).rows;
      }
    });
    // The report site shows published reports, not the database: say what makes it show the load.
    if (rows > 0)
      input.stdout.write('the report site shows it after the next refresh: npx tubelens refresh\n');
    return 0;
  },
};
