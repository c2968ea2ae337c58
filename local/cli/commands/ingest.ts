import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import type { SqlClient } from '../../../db/sql/SqlClient.ts';
import { createIngestHandler } from '../../../functions/ingest/createIngestHandler.ts';
import type { IngestProgress } from '../../../functions/ingest/IngestContext.ts';
import type { IngestResult } from '../../../functions/ingest/runIngest.ts';
import { DEFAULT_YOUTUBE_API_BASE_URL } from '../../../functions/ingest/youtube/createHttpYouTubeApi.ts';
import { dataApiEnv } from '../../dataApi/dataApiEnv.ts';
import { startDataApiServer } from '../../dataApi/startDataApiServer.ts';
import { localLambdaContext } from '../../refresh/localLambdaContext.ts';
import { redirectMetricsOutput } from '../../refresh/redirectMetricsOutput.ts';
import { type Command, DATA_DIR_HELP, dataDirOption, UsageError } from '../Command.ts';
import { withDatabase } from '../openDatabase.ts';
import { progressReporter } from '../progressReporter.ts';

/** Where to get a key, for every message about a missing one. */
export const NO_API_KEY =
  'YOUTUBE_API_KEY is not set. Create a key for the YouTube Data API v3 (see docs/ingest.md) and ' +
  'run again with YOUTUBE_API_KEY=... in the environment.';

/** The API key from the environment, or a UsageError that says how to get one. */
export function requireApiKey(env: NodeJS.ProcessEnv): string {
  const key = env.YOUTUBE_API_KEY?.trim();
  if (!key) throw new UsageError(NO_API_KEY);
  return key;
}

export interface LocalIngestOptions {
  readonly sql: SqlClient;
  /** YOUTUBE_API_KEY, YOUTUBE_API_BASE_URL and YOUTUBE_DAILY_QUOTA are read from here. */
  readonly env: NodeJS.ProcessEnv;
  readonly budget?: number;
  readonly refreshAgain?: boolean;
  readonly onProgress?: (progress: IngestProgress) => void;
  /** The handler's JSON logs (default none: the progress line and the summary say it all). */
  readonly logLevel?: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'SILENT';
}

/**
 * Runs the real ingest handler (middy chain, config validation, Data API adapter) on the local
 * database: starts the local Data API endpoint on `sql`, invokes the handler once, stops it.
 * `npx tubelens ingest` calls this; `npm start` can too.
 */
export async function runLocalIngest(options: LocalIngestOptions): Promise<IngestResult> {
  const apiKey = requireApiKey(options.env);
  const server = await startDataApiServer({ sql: options.sql });
  try {
    const env = {
      ...dataApiEnv(server),
      YOUTUBE_API_KEY: apiKey,
      YOUTUBE_API_BASE_URL: options.env.YOUTUBE_API_BASE_URL || DEFAULT_YOUTUBE_API_BASE_URL,
      YOUTUBE_DAILY_QUOTA: options.env.YOUTUBE_DAILY_QUOTA,
    };
    const handler = createIngestHandler(env, {
      logger: new Logger({ serviceName: 'tubelens-ingest', logLevel: options.logLevel ?? 'SILENT' }),
      // EMF metrics are for CloudWatch; locally they would only clutter the terminal.
      metrics: redirectMetricsOutput(new Metrics({ namespace: 'tubelens', serviceName: 'ingest' }), () => {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
    // No 15-minute Lambda limit on a laptop: a day's quota may take longer than that to spend.
    const context = localLambdaContext('tubelens-ingest', 24 * 3_600_000);
    const event = {
      ...(options.budget ? { budget: options.budget } : {}),
      ...(options.refreshAgain ? { refreshAgain: true } : {}),
    };
    return await handler(event, context);
  } finally {
    await server.close();
  }
}

const n = (value: number) => value.toLocaleString('en-US');

const STOPPED: Record<string, string> = {
  quota_exceeded:
    'the YouTube quota for today is spent (quotaExceeded); run again after midnight Pacific time',
  budget_exhausted: 'the unit budget is spent; run again (or raise --budget) to continue',
  time_limit: 'the time limit was reached; run again to continue',
};

/** The summary `tubelens ingest` prints. */
export function formatIngestResult(r: IngestResult, dailyQuota: number): string {
  const methods = Object.entries(r.unitsByMethod)
    .map(([m, u]) => `${m} ${n(u)}`)
    .join(', ');
  const lines = [
    `ingest ${r.status}: ${n(r.unitsUsed)} quota units${methods ? ` (${methods})` : ''}; ` +
      `${n(r.quotaDayUnits)} of ${n(dailyQuota)} used on ${r.quotaDay} (Pacific)`,
    `  ${n(r.channelsUpdated)} channels updated, ${n(r.videosDiscovered)} new videos found, ` +
      `${n(r.videosUpdated)} videos refreshed (${n(r.shorts)} Shorts), ${n(r.videosRemoved)} marked removed; ` +
      `snapshots for ${r.snapshotDay}`,
    `  plan (units needed / granted): ${r.plan.tiers.map((t) => `${t.tier} ${n(t.units)}/${n(t.granted)}`).join(', ')}`,
  ];
  if (r.plan.tiers.every((t) => t.units === 0)) {
    lines.push('  no channels are tracked yet: add some with "tubelens track <channel id or @handle>"');
  }
  if (r.stopReason)
    lines.push(`  stopped early: ${STOPPED[r.stopReason] ?? r.stopReason}; ${r.error ?? ''}`.trimEnd());
  return `${lines.join('\n')}\n`;
}

export const ingestCommand: Command = {
  name: 'ingest',
  summary: 'fetch tracked channels from the YouTube Data API (the scheduled Lambda, run locally)',
  usage: '[--budget N] [--again] [--data-dir DIR]',
  help: `Runs the real ingest handler through the local Data API endpoint (started on the opened
database): channel statistics, new uploads, then video details and counts, most valuable first,
within the day's quota. Writes one snapshot per channel and per video for today. A second run
the same day updates the channel snapshots and fetches only what is not fetched yet today
(--again refetches every video too, updating today's snapshots in place). A run that stops
early (quota, budget) continues where it stopped next time.
Add channels first with "tubelens track". See docs/ingest.md.

Options:
  --budget N       spend at most N quota units in this run (default: what is left of today's)
  --again          also refetch videos already fetched today (costs 1 unit per 50 videos)
${DATA_DIR_HELP}

Environment:
  YOUTUBE_API_KEY        required: an API key for the YouTube Data API v3
  YOUTUBE_API_BASE_URL   default ${DEFAULT_YOUTUBE_API_BASE_URL}
  YOUTUBE_DAILY_QUOTA    units per day (default 10000)
  TUBELENS_DEBUG         set to see the handler's JSON logs (plan, retries)

Example:
  YOUTUBE_API_KEY=... npx tubelens ingest --budget 500`,
  options: { ...dataDirOption, budget: { type: 'string' }, again: { type: 'boolean' } },
  async run(input) {
    const budgetText = input.values.budget;
    let budget: number | undefined;
    if (budgetText !== undefined) {
      budget = Number(budgetText);
      if (typeof budgetText !== 'string' || !/^\d+$/.test(budgetText) || budget < 1) {
        throw new UsageError(`--budget must be a whole number of units above 0, got ${String(budgetText)}`);
      }
    }
    requireApiKey(input.env);
    const progress = progressReporter(input.stderr);
    let last: IngestProgress = { done: 0, total: 0, unit: 'units', detail: '' };
    const result = await withDatabase(input, (sql) =>
      runLocalIngest({
        sql,
        env: input.env,
        // TUBELENS_DEBUG shows the handler's own logs (retries, the plan) on stdout.
        ...(input.env.TUBELENS_DEBUG ? { logLevel: 'DEBUG' as const } : {}),
        ...(budget ? { budget } : {}),
        ...(input.values.again ? { refreshAgain: true } : {}),
        onProgress: (p) => {
          last = p;
          progress.update(p);
        },
      }),
    );
    progress.finish(last);
    input.stdout.write(formatIngestResult(result, Number(input.env.YOUTUBE_DAILY_QUOTA) || 10_000));
    return 0;
  },
};
