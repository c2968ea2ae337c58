import {
  channelReport,
  channelShard,
  channelShardFor,
  type Manifest,
  manifestKey,
  manifest as manifestSchema,
  type ReportName,
  reportSchemas,
} from '../../../../db/reports/contract/index.ts';
import type { ObjectStore } from '../../../../functions/refresh/objectStore/ObjectStore.ts';
import { readJsonObject } from '../../../../functions/refresh/publish/readPublishedState.ts';

/** Reads what a store publishes the way a reader would, validating every object against its schema. */
export async function readPublication(store: ObjectStore, prefix = 'data/') {
  const manifest: Manifest = manifestSchema.parse(await readJsonObject(store, manifestKey(prefix)));
  const reports = {} as Record<ReportName, unknown>;
  for (const [name, key] of Object.entries(manifest.reports) as [ReportName, string][]) {
    reports[name] = reportSchemas[name].parse(await readJsonObject(store, key));
  }
  const shardCount = manifest.channels.shards.length;
  const shards = await Promise.all(
    manifest.channels.shards.map(async (key) => channelShard.parse(await readJsonObject(store, key))),
  );
  const channelKey = (channelId: string) =>
    shards[channelShardFor(channelId, shardCount)]?.channels[channelId];
  const channel = async (channelId: string) => {
    const key = channelKey(channelId);
    return key ? channelReport.parse(await readJsonObject(store, key)) : undefined;
  };
  return { manifest, reports, shards, channelKey, channel };
}
