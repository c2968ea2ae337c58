import type { ObjectStore } from '../objectStore/ObjectStore.ts';
import type { RefreshLog } from '../refreshOptions.ts';
import { cleanupGenerations } from './cleanupGenerations.ts';
import type { ReportWriter } from './createReportWriter.ts';
import type { PublishedState } from './readPublishedState.ts';

/**
 * After a publish: deletes old generation objects that neither the new nor the previous manifest
 * reaches. Resolves to the number deleted; a failure is logged, not thrown, because the new
 * manifest is already live and the next run retries the cleanup.
 */
export async function retireGenerations(options: {
  store: ObjectStore;
  prefix: string;
  writer: ReportWriter;
  catalogKey: string;
  previous: PublishedState;
  now: Date;
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
    return await cleanupGenerations({
      store: options.store,
      prefix: options.prefix,
      referenced,
      now: options.now,
      retentionMs: options.retentionHours * 3_600_000,
    });
  } catch (error) {
    options.log.warn('cleanup of old generations failed', { error: (error as Error).message });
    return 0;
  }
}
