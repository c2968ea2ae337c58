import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { z } from 'zod';
import {
  GenerateShapeSchema,
  generateDataset,
  generateDefaults,
  writeTrendingCsv,
} from '../../../db/generate/index.ts';
import { type Command, DATA_DIR_HELP, dataDirOption, UsageError } from '../Command.ts';
import { withDatabase } from '../openDatabase.ts';
import { progressReporter } from '../progressReporter.ts';

const whole = (name: string) =>
  z.string().regex(/^\d+$/, `--${name} must be a whole number`).transform(Number).optional();

const GenerateArgs = z.object({
  channels: whole('channels'),
  videos: whole('videos'),
  days: whole('days'),
  seed: whole('seed'),
  rows: whole('rows'),
  'last-day': z.string().optional(),
});

const n = (value: number) => value.toLocaleString('en-US');

export const generateCommand: Command = {
  name: 'generate',
  summary: 'generate a deterministic synthetic data set (into the database, or as a 2017-format CSV)',
  usage:
    '[--channels N] [--videos M] [--days D] [--seed S] [--last-day YYYY-MM-DD] [--csv FILE [--rows R]] [--data-dir DIR]',
  help: `Generates YouTube-shaped data for scale work: channels with heavy-tailed audiences, videos
from Shorts (under 60 s) to hours long uploaded over the last 12 years, log-normal lifetime views,
and one snapshot per video per day for the last D days up to --last-day, each count at least the
day before's; likes and comments follow views with noise. The same options and seed always give
the same data. Rows go in by COPY (two connections on a server) in a few transactions; a run that
fails removes what it wrote.

With --csv FILE nothing is written to the database: the data is written as a Kaggle youtube-new
(2017) trending CSV instead (each video trending for 1-10 days), for load benchmarks; --rows R
keeps generating videos until the file has R records.

Options:
  --channels N           channels (default ${generateDefaults.channels})
  --videos M             videos (default ${generateDefaults.videos})
  --days D               daily snapshots, ending on --last-day (default ${generateDefaults.days})
  --seed S               seed (default ${generateDefaults.seed}); a seed can be generated once per database
  --last-day YYYY-MM-DD  newest snapshot day (default ${generateDefaults.lastDay})
  --csv FILE             write a 2017-format trending CSV instead of loading the database
  --rows R               with --csv: the number of records to write
${DATA_DIR_HELP}

Example:
  tubelens generate --channels 1000 --videos 100000 --days 90 --seed 7`,
  options: {
    ...dataDirOption,
    channels: { type: 'string' },
    videos: { type: 'string' },
    days: { type: 'string' },
    seed: { type: 'string' },
    'last-day': { type: 'string' },
    csv: { type: 'string' },
    rows: { type: 'string' },
  },
  async run(input) {
    const parsedArgs = GenerateArgs.safeParse(input.values);
    if (!parsedArgs.success) throw new UsageError(parsedArgs.error.issues[0]!.message);
    const a = parsedArgs.data;
    const shapeInput = {
      ...generateDefaults,
      ...(a.channels !== undefined && { channels: a.channels }),
      ...(a.videos !== undefined && { videos: a.videos }),
      ...(a.days !== undefined && { days: a.days }),
      ...(a.seed !== undefined && { seed: a.seed }),
      ...(a['last-day'] !== undefined && { lastDay: a['last-day'] }),
    };
    const shape = GenerateShapeSchema.safeParse(shapeInput);
    if (!shape.success) {
      const issue = shape.error.issues[0]!;
      throw new UsageError(`--${String(issue.path[0])}: ${issue.message}`);
    }
    const progress = progressReporter(input.stderr);
    const started = performance.now();
    const seconds = () => ((performance.now() - started) / 1000).toFixed(1);
    const csv = input.values.csv;
    if (typeof csv === 'string') {
      const out = createWriteStream(csv);
      const rows = await writeTrendingCsv(shape.data, out, {
        ...(a.rows !== undefined && { rows: a.rows }),
        onProgress: (done) => progress.update({ done, unit: 'rows', detail: csv }),
      });
      out.end();
      await finished(out);
      progress.finish({ done: rows, unit: 'rows', detail: csv });
      input.stdout.write(`wrote ${n(rows)} trending records to ${csv} in ${seconds()} s\n`);
      return 0;
    }
    if (a.rows !== undefined) throw new UsageError('--rows applies only with --csv');
    await withDatabase(input, async (db) => {
      // One progress line per phase, each with its own rate.
      let phase = '';
      let reporter = progressReporter(input.stderr);
      let last = { done: 0, unit: 'channels', detail: '' };
      const result = await generateDataset(db, shape.data, (p) => {
        if (p.phase !== phase) {
          if (phase) reporter.finish(last);
          phase = p.phase;
          reporter = progressReporter(input.stderr);
        }
        const unit = p.phase === 'snapshots' || p.phase === 'videos' ? 'videos' : 'channels';
        last = { done: p.done, unit, detail: p.phase };
        reporter.update({ ...last, ...(p.total !== undefined && { total: p.total }) });
      });
      reporter.finish(last);
      input.stdout.write(
        `generated ${n(result.channels)} channels, ${n(result.videos)} videos, ${n(result.snapshots)} video snapshots ` +
          `and ${n(result.channelSnapshots)} channel snapshots (seed ${shape.data.seed}) in ${seconds()} s\n`,
      );
    });
    return 0;
  },
};
