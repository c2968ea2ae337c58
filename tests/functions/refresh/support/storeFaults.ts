import type { ObjectStore } from '../../../../functions/refresh/objectStore/ObjectStore.ts';

/**
 * Wraps a real store to record every put and to fail one on demand: an S3 error in the middle
 * of a run is a fault the local S3 cannot be told to produce at an exact point.
 */
export function withStoreFaults(store: ObjectStore, options: { failPutNumber?: number } = {}) {
  const puts: string[] = [];
  const wrapped: ObjectStore = {
    async put(key, body, metadata) {
      puts.push(key);
      if (puts.length === options.failPutNumber) {
        throw Object.assign(new Error('We encountered an internal error. Please try again.'), {
          name: 'InternalError',
        });
      }
      return store.put(key, body, metadata);
    },
    get: (key) => store.get(key),
    list: (prefix) => store.list(prefix),
    deleteMany: (keys) => store.deleteMany(keys),
  };
  return { store: wrapped, puts };
}
