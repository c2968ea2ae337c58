import * as z from 'zod/mini';
import { dataAsOf, instant, objectKey } from './common.ts';
import { manifestKey } from './publicationLayout.ts';

/** Bumped when a change would break a reader; additions (new reports, new fields) keep it. */
export const SCHEMA_VERSION = 1;

/**
 * `data/manifest.json` (`manifestKey`; fixed contract, other tools read it): written last by every refresh and
 * the only object that is ever overwritten. Every key it names is immutable.
 */
export const manifest = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  /** Sortable id of the run that wrote it, e.g. `20261127T034000Z-1a2b3c`. */
  generation: z.string().check(z.regex(/^\d{8}T\d{6}Z-[0-9a-f]{6}$/)),
  generatedAt: instant,
  dataAsOf,
  /** The key prefix everything was published under, e.g. `data/`; every key starts with it. */
  prefix: z.string(),
  /** Report name → object key. Readers ignore names they do not know. */
  reports: z.object({
    overview: objectKey,
    topVideos: objectKey,
    monthly: objectKey,
    categories: objectKey,
    publishHeatmap: objectKey,
    durations: objectKey,
    engagement: objectKey,
    channelIndex: objectKey,
    /** Added with the growth reports: absent from manifests published before them. */
    growth: z.optional(objectKey),
  }),
  /** Per-channel reports: `shards[channelShardFor(id, shards.length)]` maps the id to its key. */
  channels: z.object({
    count: z.int().check(z.nonnegative()),
    shards: z.array(objectKey),
  }),
  /** The refresh's own bookkeeping (content hashes of every object); readers do not need it. */
  catalog: z.optional(objectKey),
});

export type Manifest = z.infer<typeof manifest>;
export type ReportName = keyof Manifest['reports'];

/**
 * URL of an object named in the manifest, given the URL the manifest was fetched from. Keys are
 * bucket keys (`data/g/...`); the manifest sits at `<prefix>manifest.json`, so the bucket root is
 * the manifest URL with that suffix removed. Works at any sub-path and on any origin.
 */
export function resolveReportUrl(
  manifestUrl: string | URL,
  m: Pick<Manifest, 'prefix'>,
  key: string,
): string {
  const url = new URL(manifestUrl);
  const suffix = manifestKey(m.prefix);
  if (!url.pathname.endsWith(suffix)) throw new Error(`manifest URL ${url.href} does not end with ${suffix}`);
  url.pathname = url.pathname.slice(0, url.pathname.length - suffix.length) + key;
  url.search = '';
  url.hash = '';
  return url.href;
}
