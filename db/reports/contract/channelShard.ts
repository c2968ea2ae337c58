import * as z from 'zod/mini';
import { objectKey } from './common.ts';

/**
 * Where each channel's report lives, for the channels whose id hashes to this shard (see
 * `channelShardFor`). Per-channel objects that did not change between runs keep their old key
 * (possibly in an older generation), so the page looks its key up here instead of building it.
 */
export const channelShard = z.object({
  shard: z.int().check(z.nonnegative()),
  shardCount: z.int().check(z.positive()),
  /** channelId → object key of its `channelReport`. */
  channels: z.record(z.string(), objectKey),
});

export type ChannelShard = z.infer<typeof channelShard>;

/**
 * The shard a channel id belongs to: FNV-1a (32-bit) over the id's UTF-16 code units, modulo
 * `shardCount`. Pure and dependency-free so the site and the refresh compute the same answer.
 */
export function channelShardFor(channelId: string, shardCount: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < channelId.length; i += 1) {
    hash ^= channelId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % shardCount;
}
