import {
  type Manifest,
  manifest as manifestSchema,
  type ReportName,
  SCHEMA_VERSION,
} from '../../../db/reports/contract/index.ts';
import type { ReportWriter } from './createReportWriter.ts';

export interface ManifestInput {
  readonly generation: string;
  readonly startedAt: Date;
  readonly dataAsOf: string | null;
  readonly prefix: string;
  readonly reports: Partial<Record<ReportName, string>>;
  readonly channelCount: number;
  readonly shardKeys: readonly string[];
  /** Runs after the catalog is written, right before the manifest: the lease check (fencing). */
  readonly fence: () => Promise<void>;
}

/**
 * The last step of every run: writes the catalog, checks the run still holds its lease, then
 * replaces the manifest, after which readers see the new generation. Until then nothing new is
 * reachable. Resolves to the catalog's and the manifest's keys.
 */
export async function publishManifest(
  writer: ReportWriter,
  input: ManifestInput,
): Promise<{ catalogKey: string; manifestKey: string }> {
  const catalogKey = await writer.writeCatalog();
  const manifest: Manifest = manifestSchema.parse({
    schemaVersion: SCHEMA_VERSION,
    generation: input.generation,
    generatedAt: input.startedAt.toISOString(),
    dataAsOf: input.dataAsOf,
    prefix: input.prefix,
    reports: input.reports,
    channels: { count: input.channelCount, shards: [...input.shardKeys] },
    catalog: catalogKey,
  });
  // Fencing: only the lease holder may replace the manifest.
  await input.fence();
  return { catalogKey, manifestKey: await writer.publishManifest(manifest) };
}
