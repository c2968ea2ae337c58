import { createHash } from 'node:crypto';

/** Prefix of channel ids made up by the loader; real YouTube ids start with "UC". */
export const DERIVED_CHANNEL_PREFIX = 'title:';

const RECENT_MAX = 20_000;
const recent = new Map<string, string>();

/**
 * A stable channel id for files that carry only the channel title (the 2017 Kaggle format):
 * "title:" and 22 base64url characters of the title's SHA-256, so the same title always maps
 * to the same id and the id is as long as a real one after its prefix.
 */
export function deriveChannelId(channelTitle: string): string {
  let id = recent.get(channelTitle);
  if (id === undefined) {
    const digest = createHash('sha256').update(channelTitle, 'utf8').digest('base64url');
    id = `${DERIVED_CHANNEL_PREFIX}${digest.slice(0, 22)}`;
    // A file repeats each channel on every record of it (a hash was 8 % of the load's CPU time);
    // 20,000 titles cover the real files and the generated one, and the map stays under 3 MB.
    if (recent.size >= RECENT_MAX) recent.clear();
    recent.set(channelTitle, id);
  }
  return id;
}
