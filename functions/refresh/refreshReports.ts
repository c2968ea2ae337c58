import { isResponseTooLarge } from '../../db/dataApi/pageByKey.ts';
import {
  BREAKOUT_MULTIPLIER,
  type ChannelReport,
  channelReport,
  channelShard,
  channelShardFor,
  type Manifest,
  manifest as manifestSchema,
  type ReportName,
  reportSchemas,
  SCHEMA_VERSION,
} from '../../db/reports/contract/index.ts';
import {
  type ChannelDetails,
  type ChannelIndexRow,
  queryCategories,
  queryChannelDetails,
  queryChannelSnapshotSpanDays,
  queryDataAsOf,
  queryDurations,
  queryEngagement,
  queryGrowth,
  queryGrowthSections,
  queryMonthly,
  queryOverview,
  queryPublishHeatmap,
  querySnapshotSpanDays,
  queryTopVideos,
  readChannelIndex,
} from '../../db/reports/index.ts';
import type { SqlClient, SqlExecutor } from '../../db/sql/SqlClient.ts';
import { RefreshLockedError, ReportValidationError } from './errors.ts';
import type { ObjectStore } from './objectStore/ObjectStore.ts';
import { planChannelBatches } from './planChannelBatches.ts';
import { JSON_CONTENT_TYPE, MANIFEST_CACHE } from './publish/cacheHeaders.ts';
import { channelObjectName } from './publish/channelObjectName.ts';
import { cleanupGenerations } from './publish/cleanupGenerations.ts';
import { createReportWriter, type ReportWriter } from './publish/createReportWriter.ts';
import { compressReport, hashReport } from './publish/encodeReport.ts';
import { newGenerationId } from './publish/generationId.ts';
import { readPublishedState } from './publish/readPublishedState.ts';
import { acquireLease, leaseHolder, REFRESH_LOCK, releaseLease, renewLease } from './refreshLease.ts';
import { failRefreshRun, finishRefreshRun, type RefreshKind, startRefreshRun } from './refreshRuns.ts';

/** Progress of a refresh, in objects. */
export interface RefreshProgress {
  readonly done: number;
  readonly total?: number;
  readonly unit: 'reports';
  readonly detail?: string;
}

/** What the refresh logs through (Powertools' Logger fits; tests pass console or nothing). */
export interface RefreshLog {
  info(message: string, extra?: Record<string, unknown>): void;
  warn(message: string, extra?: Record<string, unknown>): void;
}

export interface RefreshOptions {
  readonly sql: SqlClient;
  readonly store: ObjectStore;
  /** The time the run is stamped with. */
  readonly clock?: () => Date;
  readonly prefix?: string;
  /** `incremental` recomputes only channels whose data changed; `full` recomputes everything. */
  readonly kind?: RefreshKind;
  /** Unreferenced generation objects younger than this are kept (hours). */
  readonly retentionHours?: number;
  /** Object writes in flight at once. */
  readonly concurrency?: number;
  /** Lease length; renewed after every batch. */
  readonly leaseSeconds?: number;
  readonly generation?: string;
  readonly onProgress?: (progress: RefreshProgress) => void;
  readonly log?: RefreshLog;
  /** Test hook: runs after every report object is written and before the manifest is. */
  readonly beforeManifest?: () => Promise<void>;
  /**
   * Growth reports (growth.json and each channel's growth and performance sections); on by
   * default. The bench turns them off to measure what they cost.
   */
  readonly growthReports?: boolean;
}

export type RefreshResult =
  | {
      readonly status: 'published';
      readonly generation: string;
      readonly kind: RefreshKind;
      readonly dataAsOf: string | null;
      readonly manifestKey: string;
      readonly written: number;
      readonly unchanged: number;
      readonly bytesWritten: number;
      readonly channelsComputed: number;
      readonly deleted: number;
      readonly durationMs: number;
    }
  | { readonly status: 'skipped'; readonly reason: string };

const defaults = {
  prefix: 'data/',
  kind: 'incremental' as RefreshKind,
  // A browser tab opened on yesterday's manifest still finds its objects.
  retentionHours: 24,
  // 16 puts in flight keep S3 busy without crowding a 1,024 MB Lambda's sockets.
  concurrency: 16,
  // Lambda stops a run at 15 min; 16 min means a live holder can never lose its lease.
  leaseSeconds: 16 * 60,
};

const silent: RefreshLog = { info() {}, warn() {} };

/**
 * Computes every report from the database and publishes it: each changed object under a new
 * generation prefix, then the manifest last. Runs under a lease in job_locks so two runs cannot
 * both publish; a run that fails leaves the previous manifest and its objects as they were.
 */
export async function refreshReports(options: RefreshOptions): Promise<RefreshResult> {
  const o = { ...defaults, ...options };
  const clock = o.clock ?? (() => new Date());
  const log = o.log ?? silent;
  const startedAt = clock();
  const generation = o.generation ?? newGenerationId(startedAt);
  const { sql } = o;

  if (!(await acquireLease(sql, REFRESH_LOCK, generation, o.leaseSeconds))) {
    const holder = await leaseHolder(sql, REFRESH_LOCK);
    const reason = `another refresh (${holder?.holder ?? 'unknown'}) holds the lease until ${holder?.expires_at.toISOString() ?? '?'}`;
    log.warn('refresh skipped', { reason });
    return { status: 'skipped', reason };
  }
  const runId = await startRefreshRun(sql, o.kind, generation);
  try {
    const result = await publishGeneration(o, { clock, log, generation, startedAt });
    await finishRefreshRun(sql, runId, result);
    return result;
  } catch (error) {
    await failRefreshRun(sql, runId, error).catch(() => {});
    throw error;
  } finally {
    await releaseLease(sql, REFRESH_LOCK, generation).catch(() => {});
  }
}

interface RunContext {
  readonly clock: () => Date;
  readonly log: RefreshLog;
  readonly generation: string;
  readonly startedAt: Date;
}

async function publishGeneration(
  o: typeof defaults & RefreshOptions,
  { clock, log, generation, startedAt }: RunContext,
): Promise<Extract<RefreshResult, { status: 'published' }>> {
  const { sql, store, prefix } = o;
  const previous = await readPublishedState(store, prefix);
  if (previous.warning) log.warn('previous publication not reused', { reason: previous.warning });
  const writer = createReportWriter({
    store,
    generationPrefix: `${prefix}g/${generation}/`,
    previous: previous.entries,
    concurrency: o.concurrency,
  });
  const keepLease = async () => {
    if (!(await renewLease(sql, REFRESH_LOCK, generation, o.leaseSeconds))) {
      throw new RefreshLockedError(`refresh ${generation} lost its lease; not publishing`);
    }
  };
  let done = 0;
  const progress = (detail: string, total?: number) =>
    o.onProgress?.({ done, unit: 'reports', detail, ...(total === undefined ? {} : { total }) });

  const dataAsOf = await queryDataAsOf(sql);
  const reports = {} as Record<ReportName, string>;
  const global: [ReportName, (db: SqlExecutor, d: string | null) => Promise<unknown>][] = [
    ['overview', queryOverview],
    ['topVideos', queryTopVideos],
    ['monthly', queryMonthly],
    ['categories', queryCategories],
    ['publishHeatmap', queryPublishHeatmap],
    ['durations', queryDurations],
    ['engagement', queryEngagement],
  ];
  if (o.growthReports !== false) global.push(['growth', queryGrowth]);
  for (const [name, query] of global) {
    progress(name);
    reports[name] = await writer.write(
      `report:${name}`,
      `${name}.json`,
      validated(name, await query(sql, dataAsOf)),
    );
    done += 1;
  }

  progress('channel index');
  const index: ChannelIndexRow[] = [];
  for await (const page of readChannelIndex(sql)) index.push(...page);
  const channels = index
    .map((r) => r.entry)
    .sort((a, b) => b.views - a.views || cmp(a.channelId, b.channelId));
  reports.channelIndex = await writer.write(
    'report:channelIndex',
    'channelIndex.json',
    validated('channelIndex', { dataAsOf, channels }),
  );
  done += 1;

  const channelsComputed = await publishChannels(o, writer, index, {
    snapshotDays: await querySnapshotSpanDays(sql),
    growthDays: o.growthReports === false ? null : await queryChannelSnapshotSpanDays(sql),
    keepLease,
    tick: (detail) => {
      done += 1;
      progress(detail, index.length + global.length + 1);
    },
  });

  const shardKeys = await publishShards(writer, index);
  await writer.flush();

  const catalogKey = `${prefix}g/${generation}/catalog.json`;
  // Sorted by id: writes finish in any order, and the same data must give the same catalog bytes.
  const entries = Object.fromEntries([...writer.entries].sort(([a], [b]) => cmp(a, b)));
  const { json: catalogJson } = hashReport({ generation, entries });
  await store.put(catalogKey, compressReport(catalogJson), {
    contentType: JSON_CONTENT_TYPE,
    contentEncoding: 'gzip',
    cacheControl: 'no-store',
  });

  const manifest: Manifest = manifestSchema.parse({
    schemaVersion: SCHEMA_VERSION,
    generation,
    generatedAt: startedAt.toISOString(),
    dataAsOf,
    prefix,
    reports,
    channels: { count: index.length, shards: shardKeys },
    catalog: catalogKey,
  } satisfies Manifest);
  await o.beforeManifest?.();
  // Fencing: only the lease holder may replace the manifest.
  await keepLease();
  const manifestKey = `${prefix}manifest.json`;
  await store.put(manifestKey, Buffer.from(JSON.stringify(manifest)), {
    contentType: JSON_CONTENT_TYPE,
    cacheControl: MANIFEST_CACHE,
  });
  log.info('manifest published', { generation, ...writer.stats, channelsComputed });

  let deleted = 0;
  try {
    const referenced = new Set<string>([catalogKey, ...[...writer.entries.values()].map((e) => e.key)]);
    for (const e of previous.entries.values()) referenced.add(e.key);
    if (previous.manifest?.catalog) referenced.add(previous.manifest.catalog);
    deleted = await cleanupGenerations({
      store,
      prefix,
      referenced,
      now: clock(),
      retentionMs: o.retentionHours * 3_600_000,
    });
  } catch (error) {
    // The new manifest is live; a failed cleanup only leaves old objects for the next run.
    log.warn('cleanup of old generations failed', { error: (error as Error).message });
  }

  return {
    status: 'published',
    generation,
    kind: o.kind,
    dataAsOf,
    manifestKey,
    written: writer.stats.written + 2,
    unchanged: writer.stats.unchanged,
    bytesWritten: writer.stats.bytesWritten,
    channelsComputed,
    deleted,
    durationMs: clock().getTime() - startedAt.getTime(),
  };
}

async function publishChannels(
  o: typeof defaults & RefreshOptions,
  writer: ReportWriter,
  index: readonly ChannelIndexRow[],
  hooks: {
    snapshotDays: number;
    /** Span of the channel snapshots; null leaves the growth sections out. */
    growthDays: number | null;
    keepLease: () => Promise<void>;
    tick: (detail: string) => void;
  },
): Promise<number> {
  const fingerprints = new Map<string, string>();
  for (const row of index) {
    const id = `channel:${row.entry.channelId}`;
    if (o.kind === 'incremental' && writer.carryIfUnchanged(id, row.fingerprint))
      hooks.tick(row.entry.channelId);
    else fingerprints.set(row.entry.channelId, row.fingerprint);
  }
  const todo = index.filter((r) => fingerprints.has(r.entry.channelId)).map((r) => r.entry);
  for (const batch of planChannelBatches(todo, { snapshotDays: hooks.snapshotDays })) {
    const details = await readDetails(
      o.sql,
      batch.map((c) => c.channelId),
    );
    const growth =
      hooks.growthDays === null ? undefined : await queryGrowthSections(o.sql, batch, hooks.growthDays);
    for (const entry of batch) {
      const report: ChannelReport = {
        dataAsOf: entry.dataAsOf,
        channel: entry,
        breakoutMultiplier: BREAKOUT_MULTIPLIER,
        ...details.get(entry.channelId)!,
        ...growth?.get(entry.channelId),
      };
      await writer.write(
        `channel:${entry.channelId}`,
        `channels/${channelObjectName(entry.channelId)}.json`,
        validatedChannel(report),
        fingerprints.get(entry.channelId),
      );
      hooks.tick(entry.channelId);
    }
    await hooks.keepLease();
  }
  return todo.length;
}

/**
 * One batch's details; when the Data API still refuses the response as too large (the plan is an
 * estimate), the batch is halved and each half asked for again, down to single channels.
 */
async function readDetails(sql: SqlExecutor, ids: readonly string[]): Promise<Map<string, ChannelDetails>> {
  try {
    return await queryChannelDetails(sql, ids);
  } catch (error) {
    if (ids.length < 2 || !isResponseTooLarge(error)) throw error;
    const half = Math.ceil(ids.length / 2);
    const [a, b] = [await readDetails(sql, ids.slice(0, half)), await readDetails(sql, ids.slice(half))];
    return new Map([...a, ...b]);
  }
}

async function publishShards(writer: ReportWriter, index: readonly ChannelIndexRow[]): Promise<string[]> {
  // ~256 channels a shard: a channel page fetches a few KB to find its report's key.
  const shardCount = Math.max(1, Math.ceil(index.length / 256));
  const shards = Array.from({ length: shardCount }, () => ({}) as Record<string, string>);
  // Channel keys are known once their writes have landed.
  await writer.flush();
  for (const row of index) {
    const id = row.entry.channelId;
    shards[channelShardFor(id, shardCount)]![id] = writer.entries.get(`channel:${id}`)!.key;
  }
  const keys: string[] = [];
  for (const [shard, map] of shards.entries()) {
    const body = channelShard.parse({ shard, shardCount, channels: map });
    keys.push(await writer.write(`shard:${shard}`, `channel-shards/${shardCount}-${shard}.json`, body));
  }
  return keys;
}

function validated(name: ReportName, value: unknown): unknown {
  const result = reportSchemas[name].safeParse(value);
  if (!result.success) {
    throw new ReportValidationError(
      `report ${name} does not match its schema: ${result.error.message}`,
      name,
    );
  }
  return result.data;
}

function validatedChannel(value: ChannelReport): ChannelReport {
  const result = channelReport.safeParse(value);
  if (!result.success) {
    throw new ReportValidationError(
      `channel report ${value.channel.channelId} does not match its schema: ${result.error.message}`,
      `channel:${value.channel.channelId}`,
    );
  }
  return result.data;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
