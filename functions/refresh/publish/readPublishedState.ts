import { gunzipSync } from 'node:zlib';
import {
  type Manifest,
  manifestKey,
  manifest as manifestSchema,
} from '../../../db/reports/contract/index.ts';
import type { ObjectStore } from '../objectStore/ObjectStore.ts';
import { type CatalogEntry, refreshCatalog } from './refreshCatalog.ts';

export interface PublishedState {
  readonly manifest: Manifest | null;
  /** Entries of the catalog the manifest names; empty when there is none or it is unreadable. */
  readonly entries: ReadonlyMap<string, CatalogEntry>;
  /** Why the previous state was ignored, if it was. */
  readonly warning?: string;
}

/** Reads and parses a JSON object from the store (gunzipping it when stored gzip-encoded). */
export async function readJsonObject(store: ObjectStore, key: string): Promise<unknown | null> {
  const object = await store.get(key);
  if (!object) return null;
  const bytes = object.contentEncoding === 'gzip' ? gunzipSync(object.body) : object.body;
  return JSON.parse(Buffer.from(bytes).toString('utf8'));
}

/**
 * What the store currently publishes. A missing, corrupt or foreign manifest or catalog is not an
 * error: the run then publishes everything afresh (the warning says why).
 */
export async function readPublishedState(store: ObjectStore, prefix: string): Promise<PublishedState> {
  let manifest: Manifest;
  try {
    const raw = await readJsonObject(store, manifestKey(prefix));
    if (raw === null) return { manifest: null, entries: new Map() };
    manifest = manifestSchema.parse(raw);
  } catch (error) {
    return {
      manifest: null,
      entries: new Map(),
      warning: `previous manifest ignored: ${(error as Error).message}`,
    };
  }
  if (!manifest.catalog)
    return { manifest, entries: new Map(), warning: 'previous manifest names no catalog' };
  try {
    const catalog = refreshCatalog.parse(await readJsonObject(store, manifest.catalog));
    return { manifest, entries: new Map(Object.entries(catalog.entries)) };
  } catch (error) {
    return { manifest, entries: new Map(), warning: `previous catalog ignored: ${(error as Error).message}` };
  }
}
