import { readFileSync } from 'node:fs';
import path from 'node:path';
import type {
  ChannelReport,
  ChannelShard,
  Manifest,
  ReportName,
  ReportOf,
} from '../../../db/reports/contract/index.ts';
import { channelShardFor } from '../../../db/reports/contract/index.ts';

/**
 * Reads what the refresh published into a directory (the directory object store keeps a plain
 * copy of every object beside its `.gz`), so tests compare pages with the exact published JSON.
 */
export function publishedData(root: string) {
  const read = <T>(key: string): T => JSON.parse(readFileSync(path.join(root, key), 'utf8')) as T;
  const manifest = read<Manifest>('data/manifest.json');
  const channelKey = (channelId: string): string => {
    const shards = manifest.channels.shards;
    const shard = read<ChannelShard>(shards[channelShardFor(channelId, shards.length)]!);
    const key = shard.channels[channelId];
    if (!key) throw new Error(`channel ${channelId} is not published`);
    return key;
  };
  return {
    root,
    manifest,
    report<N extends ReportName>(name: N): ReportOf<N> {
      return read<ReportOf<N>>(manifest.reports[name]!);
    },
    keyOf(name: ReportName): string {
      return manifest.reports[name]!;
    },
    channelKey,
    channel(channelId: string): ChannelReport {
      return read<ChannelReport>(channelKey(channelId));
    },
  };
}

export type PublishedData = ReturnType<typeof publishedData>;
