import * as z from 'zod/mini';
import {
  type ChannelIndexEntry,
  type ChannelIndexReport,
  type ChannelReport,
  type ChannelShard,
  channelIndexEntry,
  channelReport,
  channelShard,
  channelShardFor,
  dataAsOf,
  type Manifest,
  manifest as manifestSchema,
  type ReportName,
  type ReportOf,
  reportSchemas,
  resolveReportUrl,
} from '../../../db/reports/contract/index.ts';
import { DataInvalidError, DataMissingError } from './errors.ts';
import { type FetchLike, fetchJson, type Schema } from './fetchJson.ts';
import { nextTask } from './nextTask.ts';

export interface PublishedData {
  readonly manifestUrl: string;
  readonly manifest: Manifest;
}

/**
 * Fetches the manifest with the browser's normal caching: the refresh publishes it with a short
 * max-age (60 s) and everything it names is immutable. A plain request also lets the page's
 * `<link rel="preload">` of the manifest be reused instead of fetched twice.
 */
export async function loadManifest(manifestUrl: string, fetchFn?: FetchLike): Promise<PublishedData> {
  const manifest = await fetchJson(manifestUrl, manifestSchema as Schema<Manifest>, 'manifest', fetchFn);
  return { manifestUrl, manifest };
}

/** Fetches and validates one report named in the manifest. */
export function loadReport<N extends ReportName>(
  data: PublishedData,
  name: N,
  fetchFn?: FetchLike,
): Promise<ReportOf<N>> {
  const key = data.manifest.reports[name];
  // A report added after the manifest was published (growth) is missing until the next refresh.
  if (key === undefined) {
    return Promise.reject(new DataMissingError({ kind: 'notPublished', what: name, status: 404 }));
  }
  const url = resolveReportUrl(data.manifestUrl, data.manifest, key);
  return fetchJson(url, reportSchemas[name] as unknown as Schema<ReportOf<N>>, name, fetchFn);
}

/**
 * Fetches one channel's report: its shard (channelId → key) first, then the report. Resolves to
 * null when the channel is not in the published data.
 */
export async function loadChannelReport(
  data: PublishedData,
  channelId: string,
  fetchFn?: FetchLike,
): Promise<ChannelReport | null> {
  const { shards } = data.manifest.channels;
  const shardKey = shards[channelShardFor(channelId, shards.length)];
  if (!shardKey) return null;
  const shard = await fetchJson(
    resolveReportUrl(data.manifestUrl, data.manifest, shardKey),
    channelShard as Schema<ChannelShard>,
    'channelShard',
    fetchFn,
  );
  const key = Object.hasOwn(shard.channels, channelId) ? shard.channels[channelId] : undefined;
  if (!key) return null;
  return fetchJson(
    resolveReportUrl(data.manifestUrl, data.manifest, key),
    channelReport as Schema<ChannelReport>,
    'channelReport',
    fetchFn,
  );
}

// Entries checked per slice of the channel index. 10,000 entries take 100–300 ms to validate in one
// go, a long task that blocks input; 500 per slice keeps each slice near 10 ms.
const INDEX_SLICE = 500;

const indexEnvelope = z.object({ dataAsOf, channels: z.array(z.unknown()) });

/**
 * The channel index, validated like every report but entry by entry in slices that yield to the
 * browser in between: at 10,000 channels one synchronous parse would freeze the page.
 */
export async function loadChannelIndex(
  data: PublishedData,
  fetchFn?: FetchLike,
): Promise<ChannelIndexReport> {
  const url = resolveReportUrl(data.manifestUrl, data.manifest, data.manifest.reports.channelIndex);
  const envelope = await fetchJson(
    url,
    indexEnvelope as Schema<z.infer<typeof indexEnvelope>>,
    'channelIndex',
    fetchFn,
  );
  const channels: ChannelIndexEntry[] = new Array(envelope.channels.length);
  for (let start = 0; start < envelope.channels.length; start += INDEX_SLICE) {
    if (start > 0) await nextTask();
    const end = Math.min(envelope.channels.length, start + INDEX_SLICE);
    for (let i = start; i < end; i += 1) {
      const parsed = channelIndexEntry.safeParse(envelope.channels[i]);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new DataInvalidError({
          kind: 'wrongShape',
          what: 'channelIndex',
          problems: `channels.${i}.${issue?.path.map(String).join('.')}: ${issue?.message}`,
        });
      }
      channels[i] = parsed.data;
    }
  }
  return { dataAsOf: envelope.dataAsOf, channels };
}
