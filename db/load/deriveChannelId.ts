import { createHash } from 'node:crypto';

/** Prefix of channel ids made up by the loader; real YouTube ids start with "UC". */
export const DERIVED_CHANNEL_PREFIX = 'title:';

/**
 * A stable channel id for files that carry only the channel title (the 2017 Kaggle format):
 * "title:" and 22 base64url characters of the title's SHA-256, so the same title always maps
 * to the same id and the id is as long as a real one after its prefix.
 */
export function deriveChannelId(channelTitle: string): string {
  const digest = createHash('sha256').update(channelTitle, 'utf8').digest('base64url');
  return `${DERIVED_CHANNEL_PREFIX}${digest.slice(0, 22)}`;
}
