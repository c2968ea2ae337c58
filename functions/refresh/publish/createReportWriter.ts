import type { ObjectStore } from '../objectStore/ObjectStore.ts';
import { IMMUTABLE_CACHE, JSON_CONTENT_TYPE } from './cacheHeaders.ts';
import { compressReport, hashReport } from './encodeReport.ts';
import type { CatalogEntry } from './refreshCatalog.ts';

export interface ReportWriterOptions {
  readonly store: ObjectStore;
  /** e.g. `data/g/20261127T034000Z-1a2b3c/` */
  readonly generationPrefix: string;
  /** The catalog of the published state: unchanged objects keep these keys. */
  readonly previous: ReadonlyMap<string, CatalogEntry>;
  /** Puts in flight at once. */
  readonly concurrency: number;
}

export interface ReportWriter {
  /**
   * Publishes `value` as `<generationPrefix><path>` unless the previous object under `id` has the
   * same content, in which case that object's key is kept and nothing is written. Resolves once
   * the write is queued (at most `concurrency` in flight); `flush` waits for all of them.
   */
  write(id: string, path: string, value: unknown, fingerprint?: string): Promise<string>;
  /**
   * Keeps the previous object under `id` as it is when it was computed from data with this
   * fingerprint (an incremental run skips it); returns undefined, keeping nothing, otherwise.
   */
  carryIfUnchanged(id: string, fingerprint: string): CatalogEntry | undefined;
  /** Waits for every queued write; throws the first failure. */
  flush(): Promise<void>;
  readonly entries: Map<string, CatalogEntry>;
  readonly stats: { written: number; unchanged: number; bytesWritten: number };
}

/** Writes report objects under one generation, reusing unchanged ones by content hash. */
export function createReportWriter(options: ReportWriterOptions): ReportWriter {
  const entries = new Map<string, CatalogEntry>();
  const stats = { written: 0, unchanged: 0, bytesWritten: 0 };
  const inFlight = new Set<Promise<void>>();
  let failure: unknown;

  const throwIfFailed = () => {
    if (failure) throw failure;
  };

  return {
    entries,
    stats,
    async write(id, path, value, fingerprint) {
      throwIfFailed();
      const { json, hash } = hashReport(value);
      const before = options.previous.get(id);
      if (before?.hash === hash) {
        entries.set(id, { key: before.key, hash, ...(fingerprint ? { fingerprint } : {}) });
        stats.unchanged += 1;
        return before.key;
      }
      const key = `${options.generationPrefix}${path}`;
      const body = compressReport(json);
      while (inFlight.size >= options.concurrency) await Promise.race(inFlight);
      throwIfFailed();
      const put: Promise<void> = options.store
        .put(key, body, {
          contentType: JSON_CONTENT_TYPE,
          contentEncoding: 'gzip',
          cacheControl: IMMUTABLE_CACHE,
        })
        .then(
          () => {
            entries.set(id, { key, hash, ...(fingerprint ? { fingerprint } : {}) });
            stats.written += 1;
            stats.bytesWritten += body.length;
          },
          (error: unknown) => {
            failure ??= error;
          },
        )
        .finally(() => inFlight.delete(put));
      inFlight.add(put);
      return key;
    },
    carryIfUnchanged(id, fingerprint) {
      const before = options.previous.get(id);
      if (before?.fingerprint !== fingerprint) return undefined;
      entries.set(id, before);
      stats.unchanged += 1;
      return before;
    },
    async flush() {
      await Promise.all(inFlight);
      throwIfFailed();
    },
  };
}
