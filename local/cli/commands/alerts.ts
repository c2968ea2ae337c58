import { recentAlerts } from '../../../db/alerts/alertOutbox.ts';
import { DEFAULT_THRESHOLDS } from '../../../db/alerts/alertThresholds.ts';
import {
  findChannels,
  listWatchedChannels,
  unwatchChannels,
  watchChannels,
} from '../../../db/alerts/watchedChannels.ts';
import type { SqlClient } from '../../../db/sql/SqlClient.ts';
import { runAlerts } from '../../../functions/alerts/runAlerts.ts';
import type { AlertSender } from '../../../functions/alerts/senders/AlertSender.ts';
import { webhookSender } from '../../../functions/alerts/senders/webhookSender.ts';
import { printSender } from '../../alerts/printSender.ts';
import { type Command, type CommandInput, DATA_DIR_HELP, dataDirOption, UsageError } from '../Command.ts';
import { withDatabase } from '../openDatabase.ts';

const positive = (input: CommandInput, name: string, fallback: number) => {
  const raw = input.values[name];
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0)
    throw new UsageError(`--${name} must be a positive number, not ${JSON.stringify(raw)}`);
  return n;
};

async function resolve(db: SqlClient, refs: readonly string[]): Promise<string[]> {
  const found = await findChannels(db, refs);
  const unknown = refs.filter((r) => !found.get(r));
  if (unknown.length) throw new UsageError(`no channel in the database is named ${unknown.join(', ')}`);
  return refs.map((r) => found.get(r)!);
}

async function run(db: SqlClient, input: CommandInput): Promise<number> {
  const webhook = input.values.webhook;
  if (webhook !== undefined && (typeof webhook !== 'string' || !URL.canParse(webhook))) {
    throw new UsageError('--webhook needs a URL, e.g. https://hooks.slack.com/services/...');
  }
  const senders: AlertSender[] = [printSender(input.stdout)];
  if (typeof webhook === 'string') senders.push(webhookSender({ url: webhook }));
  const watched = await listWatchedChannels(db);
  if (watched.length === 0) {
    input.stdout.write('no channel is watched: "tubelens alerts watch <channel>..." starts one\n');
    return 0;
  }
  const result = await runAlerts({
    sql: db,
    senders,
    thresholds: {
      outlierScore: positive(input, 'outlier', DEFAULT_THRESHOLDS.outlierScore),
      viewsChange: positive(input, 'views-change', DEFAULT_THRESHOLDS.viewsChange * 100) / 100,
      lookbackDays: Math.round(positive(input, 'lookback', DEFAULT_THRESHOLDS.lookbackDays)),
    },
  });
  if (result.status === 'skipped') throw new Error(`not run: ${result.reason}`);
  const posted =
    typeof webhook === 'string'
      ? `; webhook: ${result.sent.webhook} posted, ${result.failed.webhook} failed (retried next run)`
      : '';
  input.stderr.write(
    `${watched.length} watched channel${watched.length === 1 ? '' : 's'}: ${result.detected.length} new event${result.detected.length === 1 ? '' : 's'}, ${result.sent.print} printed${posted}\n`,
  );
  return typeof webhook === 'string' && result.failed.webhook ? 1 : 0;
}

async function list(db: SqlClient, input: CommandInput): Promise<number> {
  const watched = await listWatchedChannels(db);
  input.stdout.write(watched.length ? 'watched channels:\n' : 'no channel is watched\n');
  for (const w of watched) input.stdout.write(`  ${w.title} (${w.channelId}), news from ${w.watchFrom}\n`);
  const recent = await recentAlerts(db, 50);
  if (recent.length) input.stdout.write('recent events (newest first):\n');
  for (const a of recent) {
    const where = a.deliveries
      .map(
        (d) =>
          `${d.destination} ${d.sent ? 'sent' : `pending after ${d.attempts} attempt${d.attempts === 1 ? '' : 's'}${d.error ? ` (${d.error})` : ''}`}`,
      )
      .join(', ');
    input.stdout.write(`  ${a.day}  ${a.message}  [${where || 'no destination'}]\n`);
  }
  return 0;
}

export const alertsCommand: Command = {
  name: 'alerts',
  summary: 'growth alerts for watched channels: print new events, post them to a webhook, watch channels',
  usage: '[--webhook URL] | watch <channel>... [--since DAY] | unwatch <channel>... | list  [--data-dir DIR]',
  help: `Finds new events of the watched channels and prints each one once: a video that reaches the
outlier threshold (its views against the median of the channel's previous 10 uploads at the same
age), a subscriber milestone passed (1 to 10 times a power of ten: 9K, 10K, 20K, 1M), and 7-day
views moving by more than the set change against the 7 days before. The same job runs in AWS
after each daily refresh (functions/alerts) and mails the events through SNS.

An event is stored once (what happened is its key) with one delivery per destination; a delivery
is marked sent once accepted and never repeated, and one that failed is retried by the next run.

  tubelens alerts [--webhook URL]        print the new events; with --webhook also POST each as
                                          Slack-compatible JSON (exit 1 if any post failed)
  tubelens alerts watch <channel>...     watch channels (id or @handle), news from their newest
                                          snapshot on, or from --since YYYY-MM-DD
  tubelens alerts unwatch <channel>...   stop watching (past events stay)
  tubelens alerts list                   the watched channels and the latest events with where
                                          each was sent

Options:
  --outlier N        outlier threshold (default ${DEFAULT_THRESHOLDS.outlierScore}: 3x the same-age median)
  --views-change P   7-day views change in percent (default ${DEFAULT_THRESHOLDS.viewsChange * 100})
  --lookback DAYS    how far back a run looks for events it missed (default ${DEFAULT_THRESHOLDS.lookbackDays})
  --since DAY        with watch: treat events from this UTC day on as news
${DATA_DIR_HELP}

Example:
  tubelens alerts watch @adabuilds UCbbbbbbbbbbbbbbbbbbbbbb --since 2026-02-01
  tubelens alerts --webhook http://127.0.0.1:9000/hook`,
  options: {
    ...dataDirOption,
    webhook: { type: 'string' },
    since: { type: 'string' },
    outlier: { type: 'string' },
    'views-change': { type: 'string' },
    lookback: { type: 'string' },
  },
  allowPositionals: true,
  async run(input) {
    const [action = 'run', ...refs] = input.positionals;
    const since = input.values.since;
    if (since !== undefined && (typeof since !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(since))) {
      throw new UsageError('--since needs a day as YYYY-MM-DD');
    }
    if ((action === 'watch' || action === 'unwatch') && refs.length === 0) {
      throw new UsageError(`alerts ${action} needs at least one channel id or @handle`);
    }
    if (!['run', 'watch', 'unwatch', 'list'].includes(action)) {
      throw new UsageError(`unknown alerts action "${action}": use watch, unwatch, list, or nothing to run`);
    }
    return withDatabase(input, async (db) => {
      if (action === 'run') return run(db, input);
      if (action === 'list') return list(db, input);
      const ids = await resolve(db, refs);
      if (action === 'watch') {
        await watchChannels(db, ids, typeof since === 'string' ? since : null);
        for (const w of (await listWatchedChannels(db)).filter((w) => ids.includes(w.channelId))) {
          input.stdout.write(
            `watching ${w.title} (${w.channelId}): events from ${w.watchFrom} on are news\n`,
          );
        }
      } else {
        const gone = await unwatchChannels(db, ids);
        input.stdout.write(`stopped watching ${gone.length} channel${gone.length === 1 ? '' : 's'}\n`);
      }
      return 0;
    });
  },
};
