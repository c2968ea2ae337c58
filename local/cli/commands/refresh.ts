import path from 'node:path';
import { rebuildRollups } from '../../../db/rollups/index.ts';
import { runLocalRefresh } from '../../refresh/runLocalRefresh.ts';
import { LOCAL_REPORT_BUCKET, startLocalS3 } from '../../s3/startLocalS3.ts';
import { type Command, DATA_DIR_HELP, dataDirOption, UsageError } from '../Command.ts';
import { withDatabase } from '../openDatabase.ts';
import { progressReporter } from '../progressReporter.ts';

/** Where the local S3 keeps its objects between runs unless --s3-dir says otherwise. */
export const DEFAULT_S3_DIR = '.tubelens/s3';

const n = (value: number) => value.toLocaleString('en-US');

export const refreshCommand: Command = {
  name: 'refresh',
  summary: 'compute every report and publish it (the scheduled Lambda, run locally)',
  usage:
    '[--out DIR | --s3-dir DIR] [--full [--fan-out | --no-fan-out]] [--rebuild-rollups] [--data-dir DIR]',
  help: `Runs the real refresh handler through the local Data API endpoint (started on the opened
database): every report is computed in SQL and published under a new generation, then
data/manifest.json is written last. Reports whose content did not change keep their old object.

Options:
  --out DIR      publish into a directory (plain .json beside precompressed .json.gz), e.g. out/
  --s3-dir DIR   otherwise publish to the local S3 (bucket ${LOCAL_REPORT_BUCKET}), kept in
                 DIR between runs (default ${DEFAULT_S3_DIR}); set S3_ENDPOINT (and REPORT_BUCKET)
                 to publish to an S3 endpoint that is already running instead
  --full         recompute every channel (default: only channels whose data changed); a run
                 above REFRESH_FAN_OUT_ABOVE_ROWS snapshot rows fans out as on AWS (plan, channel
                 batches, finish: docs/refresh.md), here in-process
  --fan-out      with --full: fan out whatever the size
  --no-fan-out   with --full: keep the run in one invocation whatever the size
  --rebuild-rollups
                 first recompute the per-channel daily rollups from the raw snapshots (a repair:
                 the database's triggers keep them current as data arrives)
${DATA_DIR_HELP}

Example:
  npx tubelens refresh --out out/`,
  options: {
    ...dataDirOption,
    out: { type: 'string' },
    's3-dir': { type: 'string' },
    full: { type: 'boolean' },
    'fan-out': { type: 'boolean' },
    'no-fan-out': { type: 'boolean' },
    'rebuild-rollups': { type: 'boolean' },
  },
  async run(input) {
    const out = input.values.out;
    const s3Dir = input.values['s3-dir'];
    if (out !== undefined && (typeof out !== 'string' || out === ''))
      throw new UsageError('--out needs a directory');
    if (out && s3Dir) throw new UsageError('--out and --s3-dir are alternatives: give one');
    const fanOut = input.values['fan-out'] ? 'always' : input.values['no-fan-out'] ? 'never' : 'auto';
    if (fanOut !== 'auto' && !input.values.full)
      throw new UsageError('--fan-out and --no-fan-out go with --full');
    if (input.values['fan-out'] && input.values['no-fan-out'])
      throw new UsageError('--fan-out and --no-fan-out are alternatives: give one');
    const progress = progressReporter(input.stderr);
    await withDatabase(input, async (sql) => {
      if (input.values['rebuild-rollups']) {
        const { rows } = await rebuildRollups(sql);
        input.stdout.write(`rebuilt the rollups from the raw snapshots: ${n(rows)} channel-days\n`);
      }
      let target: { out: string } | { s3: { endpoint: string; bucket: string } };
      let stop = async () => {};
      if (out) {
        target = { out: path.resolve(out) };
      } else if (input.env.S3_ENDPOINT) {
        target = {
          s3: { endpoint: input.env.S3_ENDPOINT, bucket: input.env.REPORT_BUCKET || LOCAL_REPORT_BUCKET },
        };
      } else {
        const s3 = await startLocalS3({
          directory: path.resolve(typeof s3Dir === 'string' ? s3Dir : DEFAULT_S3_DIR),
        });
        target = { s3: { endpoint: s3.endpoint, bucket: LOCAL_REPORT_BUCKET } };
        stop = () => s3.close();
      }
      let last = { done: 0, unit: 'reports' as const };
      try {
        const result = await runLocalRefresh({
          sql,
          ...target,
          kind: input.values.full ? 'full' : 'incremental',
          fanOut: input.values.full ? fanOut : 'never',
          onProgress: (p) => {
            last = { ...p, done: p.done };
            progress.update(p);
          },
        });
        progress.finish(last);
        if (result.status === 'skipped') {
          input.stdout.write(`refresh skipped: ${result.reason}\n`);
          return;
        }
        const where = 'out' in target ? target.out : `s3://${target.s3.bucket} at ${target.s3.endpoint}`;
        input.stdout.write(
          `published generation ${result.generation} (data as of ${result.dataAsOf ?? 'no snapshots'}) to ${where}\n` +
            `  ${n(result.written)} objects written (${n(result.bytesWritten)} bytes gzip), ${n(result.unchanged)} unchanged, ` +
            `${n(result.channelsComputed)} channels computed, ${n(result.deleted)} old objects deleted, ` +
            `${(result.durationMs / 1000).toFixed(1)} s\n` +
            `  manifest: ${result.manifestKey}\n`,
        );
      } finally {
        await stop();
      }
    });
    return 0;
  },
};
