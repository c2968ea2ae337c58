import type { ObjectStore } from '../objectStore/ObjectStore.ts';
import type { RefreshLog } from '../refreshOptions.ts';
import { createReportWriter, type ReportWriter } from './createReportWriter.ts';
import { type PublishedState, readPublishedState } from './readPublishedState.ts';

/**
 * Reads what the store publishes now and opens a writer for a new generation that reuses its
 * unchanged objects. Every step that writes reports starts here.
 */
export async function openGenerationWriter(o: {
  store: ObjectStore;
  prefix: string;
  generation: string;
  concurrency: number;
  log: RefreshLog;
}): Promise<{ previous: PublishedState; writer: ReportWriter }> {
  const previous = await readPublishedState(o.store, o.prefix);
  if (previous.warning) o.log.warn('previous publication not reused', { reason: previous.warning });
  const writer = createReportWriter({
    store: o.store,
    prefix: o.prefix,
    generation: o.generation,
    previous: previous.entries,
    concurrency: o.concurrency,
  });
  return { previous, writer };
}
