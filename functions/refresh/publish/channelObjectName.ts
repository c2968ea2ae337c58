import { createHash } from 'node:crypto';

// YouTube channel ids are `UC` + 22 characters of [A-Za-z0-9_-]: safe in any URL path as they are.
const SAFE = /^[A-Za-z0-9_-]{1,100}$/;

/**
 * The file name (without `.json`) of a channel's report. Safe ids are used as they are; any other
 * id (the 2017 data derives ids from titles) becomes `~` + a sha256 prefix, so no key holds
 * characters that need escaping. Readers never build this name: they look the key up in the
 * channel shard, so it may change without breaking them.
 */
export function channelObjectName(channelId: string): string {
  if (SAFE.test(channelId)) return channelId;
  return `~${createHash('sha256').update(channelId).digest('hex').slice(0, 32)}`;
}
