import {
  type ChannelReport,
  type ChannelShard,
  channelReport,
  channelShard,
  channelShardFor,
  type Manifest,
  manifest as manifestSchema,
  type ReportName,
  type ReportOf,
  reportSchemas,
  resolveReportUrl,
} from '../../../db/reports/contract/index.ts';
import { type FetchLike, fetchJson, type Schema } from './fetchJson.ts';

export interface PublishedData {
  readonly manifestUrl: string;
  readonly manifest: Manifest;
}

const reportTitles: Record<ReportName, string> = {
  overview: 'overview report',
  topVideos: 'top videos report',
  monthly: 'monthly report',
  categories: 'categories report',
  publishHeatmap: 'publishing-time report',
  durations: 'durations report',
  engagement: 'engagement report',
  channelIndex: 'channel index',
};

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
  const url = resolveReportUrl(data.manifestUrl, data.manifest, key);
  return fetchJson(url, reportSchemas[name] as unknown as Schema<ReportOf<N>>, reportTitles[name], fetchFn);
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
    'channel directory',
    fetchFn,
  );
  const key = Object.hasOwn(shard.channels, channelId) ? shard.channels[channelId] : undefined;
  if (!key) return null;
  return fetchJson(
    resolveReportUrl(data.manifestUrl, data.manifest, key),
    channelReport as Schema<ChannelReport>,
    'channel report',
    fetchFn,
  );
}
