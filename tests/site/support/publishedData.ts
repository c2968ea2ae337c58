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
  return {
    root,
    manifest,
    report<N extends ReportName>(name: N): ReportOf<N> {
      return read<ReportOf<N>>(manifest.reports[name]);
    },
    keyOf(name: ReportName): string {
      return manifest.reports[name];
    },
    channel(channelId: string): ChannelReport {
      const shards = manifest.channels.shards;
      const shard = read<ChannelShard>(shards[channelShardFor(channelId, shards.length)]!);
      const key = shard.channels[channelId];
      if (!key) throw new Error(`channel ${channelId} is not published`);
      return read<ChannelReport>(key);
    },
  };
}

export type PublishedData = ReturnType<typeof publishedData>;
