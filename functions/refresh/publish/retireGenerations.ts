import type { ObjectStore } from '../objectStore/ObjectStore.ts';
import type { RefreshLog } from '../refreshOptions.ts';
import { cleanupGenerations } from './cleanupGenerations.ts';
import type { ReportWriter } from './createReportWriter.ts';
import type { PublishedState } from './readPublishedState.ts';

/**
 * After a publish: deletes old generation objects that neither the new nor the previous manifest
 * reaches, and what a killed run left half-written (a directory store's temporary files). Resolves to the number deleted; a failure is logged, not thrown, because the new
 * manifest is already live and the next run retries the cleanup.
 */
export async function retireGenerations(options: {
  store: ObjectStore;
  prefix: string;
  writer: ReportWriter;
  catalogKey: string;
  previous: PublishedState;
  now: Date;
  /** When this run started: a temporary file older than that is a dead run's (this one holds the lease). */
  startedAt: Date;
  retentionHours: number;
  log: RefreshLog;
}): Promise<number> {
  const { writer, previous } = options;
  try {
    const referenced = new Set<string>([
      options.catalogKey,
      ...[...writer.entries.values()].map((e) => e.key),
    ]);
    for (const e of previous.entries.values()) referenced.add(e.key);
    if (previous.manifest?.catalog) referenced.add(previous.manifest.catalog);
    const deleted = await cleanupGenerations({
      store: options.store,
      prefix: options.prefix,
      referenced,
      now: options.now,
      retentionMs: options.retentionHours * 3_600_000,
    });
    const leftovers = (await options.store.removeLeftovers?.(options.prefix, options.startedAt)) ?? 0;
    if (leftovers) options.log.info('removed files a killed run left half-written', { leftovers });
    return deleted;
  } catch (error) {
    options.log.warn('cleanup of old generations failed', { error: (error as Error).message });
    return 0;
  }
}
