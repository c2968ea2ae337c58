import { channelShard, channelShardFor, generationPaths } from '../../../db/reports/contract/index.ts';
import type { ReportWriter } from './createReportWriter.ts';

// ~256 channels a shard: a channel page fetches a few KB to find its report's key.
const CHANNELS_PER_SHARD = 256;

/**
 * Writes the channel shards (channelId → report key) once every channel's write has landed;
 * resolves to the shard keys in shard order, as the manifest lists them.
 */
export async function publishShards(writer: ReportWriter, channelIds: readonly string[]): Promise<string[]> {
  const shardCount = Math.max(1, Math.ceil(channelIds.length / CHANNELS_PER_SHARD));
  const shards = Array.from({ length: shardCount }, () => ({}) as Record<string, string>);
  // Channel keys are known once their writes have landed.
  await writer.flush();
  for (const id of channelIds) {
    shards[channelShardFor(id, shardCount)]![id] = writer.entries.get(`channel:${id}`)!.key;
  }
  const keys: string[] = [];
  for (const [shard, map] of shards.entries()) {
    const body = channelShard.parse({ shard, shardCount, channels: map });
    keys.push(await writer.write(`shard:${shard}`, generationPaths.channelShard(shard, shardCount), body));
  }
  return keys;
}
