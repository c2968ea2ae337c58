import {
  generationPaths,
  generationPrefix,
  type Manifest,
  manifestKey,
} from '../../../db/reports/contract/index.ts';
import type { ObjectMetadata, ObjectStore } from '../objectStore/ObjectStore.ts';
import { IMMUTABLE_CACHE, JSON_CONTENT_TYPE, MANIFEST_CACHE } from './cacheHeaders.ts';
import { compressReport, hashReport } from './encodeReport.ts';
import type { CatalogEntry } from './refreshCatalog.ts';

export interface ReportWriterOptions {
  readonly store: ObjectStore;
  /** The report prefix, e.g. `data/`. */
  readonly prefix: string;
  /** The run's generation: new objects go under `generationPrefix(prefix, generation)`. */
  readonly generation: string;
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
  /** Records an entry another writer of the same generation wrote (a fanned-out batch). */
  adopt(id: string, entry: CatalogEntry): void;
  /** Waits for every queued write; throws the first failure. */
  flush(): Promise<void>;
  /**
   * Writes the refresh's own record `value` (not a report: never in the catalog, never cached) as
   * `<generationPrefix><path>`; resolves to its key. The catalog and a fanned-out run's plan and
   * batch results go through here.
   */
  writeBookkeeping(path: string, value: unknown): Promise<string>;
  /** Flushes, then writes the catalog of every entry (`g/<generation>/catalog.json`); returns its key. */
  writeCatalog(): Promise<string>;
  /** Replaces the manifest: the last write of a run, after which readers see the generation. */
  publishManifest(manifest: Manifest): Promise<string>;
  readonly entries: Map<string, CatalogEntry>;
  /** Objects and gzip bytes written (reports, catalog and manifest), and objects kept as they were. */
  readonly stats: { written: number; unchanged: number; bytesWritten: number };
}

const reportHeaders: ObjectMetadata = {
  contentType: JSON_CONTENT_TYPE,
  contentEncoding: 'gzip',
  cacheControl: IMMUTABLE_CACHE,
};

/** Writes report objects under one generation, reusing unchanged ones by content hash. */
export function createReportWriter(options: ReportWriterOptions): ReportWriter {
  const { store, prefix, generation } = options;
  const folder = generationPrefix(prefix, generation);
  const entries = new Map<string, CatalogEntry>();
  const stats = { written: 0, unchanged: 0, bytesWritten: 0 };
  const inFlight = new Set<Promise<void>>();
  let failure: unknown;

  const throwIfFailed = () => {
    if (failure) throw failure;
  };
  const put = async (key: string, body: Uint8Array, headers: ObjectMetadata) => {
    await store.put(key, body, headers);
    stats.written += 1;
    stats.bytesWritten += body.length;
  };
  const flush = async () => {
    await Promise.all(inFlight);
    throwIfFailed();
  };

  const writeBookkeeping = async (path: string, value: unknown) => {
    const key = `${folder}${path}`;
    // no-store: only the refresh reads these, always through a key it was handed.
    await put(key, compressReport(hashReport(value).json), { ...reportHeaders, cacheControl: 'no-store' });
    return key;
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
      const key = `${folder}${path}`;
      const body = compressReport(json);
      while (inFlight.size >= options.concurrency) await Promise.race(inFlight);
      throwIfFailed();
      const queued: Promise<void> = put(key, body, reportHeaders)
        .then(
          () => {
            entries.set(id, { key, hash, ...(fingerprint ? { fingerprint } : {}) });
          },
          (error: unknown) => {
            failure ??= error;
          },
        )
        .finally(() => inFlight.delete(queued));
      inFlight.add(queued);
      return key;
    },
    carryIfUnchanged(id, fingerprint) {
      const before = options.previous.get(id);
      if (before?.fingerprint !== fingerprint) return undefined;
      entries.set(id, before);
      stats.unchanged += 1;
      return before;
    },
    adopt(id, entry) {
      entries.set(id, entry);
    },
    flush,
    writeBookkeeping,
    async writeCatalog() {
      await flush();
      // Sorted by id: writes finish in any order, and the same data must give the same catalog bytes.
      const sorted = [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return writeBookkeeping(generationPaths.catalog, { generation, entries: Object.fromEntries(sorted) });
    },
    async publishManifest(manifest) {
      const key = manifestKey(prefix);
      // Stored plain (no gzip): other tools read it with nothing but an HTTP GET.
      await put(key, Buffer.from(JSON.stringify(manifest)), {
        contentType: JSON_CONTENT_TYPE,
        cacheControl: MANIFEST_CACHE,
      });
      return key;
    },
  };
}
