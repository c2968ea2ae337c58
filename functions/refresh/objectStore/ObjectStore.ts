/**
 * The object-store port: where the refresh publishes reports. Adapters: S3 (`s3ObjectStore`) and a
 * local directory (`directoryObjectStore`). Bodies are passed and returned as stored (already
 * compressed when `contentEncoding` says so).
 */
export interface ObjectMetadata {
  readonly contentType: string;
  /** `gzip` when the body is gzip-compressed. */
  readonly contentEncoding?: string | undefined;
  readonly cacheControl: string;
}

export interface StoredObject extends Partial<ObjectMetadata> {
  readonly body: Uint8Array;
}

export interface ListedObject {
  readonly key: string;
  readonly size: number;
}

export interface ObjectStore {
  /** Writes one object whole (readers see the old object or the new one, never a part). */
  put(key: string, body: Uint8Array, metadata: ObjectMetadata): Promise<void>;
  /** The object, or null when there is none. */
  get(key: string): Promise<StoredObject | null>;
  /** Every object whose key starts with `prefix`, in key order. */
  list(prefix: string): AsyncIterable<ListedObject>;
  /** Deletes the keys (missing ones are not an error). */
  deleteMany(keys: readonly string[]): Promise<void>;
  /**
   * Removes what writes that never finished left under `prefix` before `before` (a directory's
   * temporary files of a killed run); resolves to how many. Absent where writes leave nothing
   * (S3's PUT is whole or nothing).
   */
  removeLeftovers?(prefix: string, before: Date): Promise<number>;
}
