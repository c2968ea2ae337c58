/**
 * Where everything is published, under the report prefix (default `data/`). The one place that
 * spells a key: the refresh writes through these, the site and the cleanup read through them.
 *
 *   manifest.json                                 short cache; names everything below
 *   g/<generation>/<report>.json                  one per report in `manifest.reports`
 *   g/<generation>/channels/<name>.json           one per channel (`channelReport`)
 *   g/<generation>/channel-shards/<n>-<i>.json    channelId → key maps (`channelShard`)
 *   g/<generation>/catalog.json                   the refresh's own bookkeeping (content hashes)
 *   g/<generation>/fan-out/...                    a fanned-out run's plan and batch results
 *
 * Everything under g/ is immutable; unchanged objects keep older keys, so readers follow the
 * manifest's keys and never build them (only the manifest's own key is fixed).
 */

/** The manifest's file name, relative to the prefix (fixed: other tools read it). */
export const MANIFEST_FILE = 'manifest.json';

/** `<prefix>manifest.json`: the one object that is ever overwritten. */
export function manifestKey(prefix: string): string {
  return `${prefix}${MANIFEST_FILE}`;
}

/** The folder that holds every generation, e.g. `data/g/`. */
export function generationsRoot(prefix: string): string {
  return `${prefix}g/`;
}

/** The folder of one generation, e.g. `data/g/20261127T034000Z-1a2b3c/`. */
export function generationPrefix(prefix: string, generation: string): string {
  return `${generationsRoot(prefix)}${generation}/`;
}

/** The generation folder a key under `generationsRoot(prefix)` sits in ('' for any other key). */
export function generationOfKey(prefix: string, key: string): string {
  const root = generationsRoot(prefix);
  return key.startsWith(root) ? (key.slice(root.length).split('/')[0] ?? '') : '';
}

/** Paths inside a generation folder. */
export const generationPaths = {
  report: (name: string) => `${name}.json`,
  /** `objectName`: the channel's safe file name (the refresh's channelObjectName). */
  channelReport: (objectName: string) => `channels/${objectName}.json`,
  channelShard: (shard: number, shardCount: number) => `channel-shards/${shardCount}-${shard}.json`,
  catalog: 'catalog.json',
  /** A fanned-out run's plan: the channel batches every step reads (docs/refresh.md). */
  fanOutPlan: 'fan-out/plan.json',
  /** What one batch of a fanned-out run wrote; the finishing step collects them all. */
  fanOutBatch: (batch: number) => `fan-out/batch-${String(batch).padStart(5, '0')}.json`,
} as const;
