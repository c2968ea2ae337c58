import { type TokenBucket, tokenBucket } from '../tokenBucket.ts';

export type ClientResource = 'sockets' | 'exports';

/** Per client address: what it holds open, and how fast it may start exports. */
export interface ClientLimits {
  /** Takes one `resource` slot for `client`; false when it already holds `max`. */
  acquire(resource: ClientResource, client: string, max: number): boolean;
  release(resource: ClientResource, client: string): void;
  /** Takes one export start from the client's allowance: 0 when allowed, else seconds to wait. */
  takeExportStart(client: string): number;
  /** Stops the sweep timer. */
  close(): void;
}

/**
 * Counts per client address, forgotten as soon as they fall to zero (and buckets once full), so
 * memory follows the clients active now, not every address ever seen.
 */
export function clientLimits(exportsPerMinute: number): ClientLimits {
  const held: Record<ClientResource, Map<string, number>> = { sockets: new Map(), exports: new Map() };
  const buckets = new Map<string, TokenBucket>();
  const sweep = setInterval(() => {
    for (const [client, bucket] of buckets) if (bucket.full()) buckets.delete(client);
  }, 60_000);
  sweep.unref();
  return {
    acquire(resource, client, max) {
      const count = held[resource].get(client) ?? 0;
      if (count >= max) return false;
      held[resource].set(client, count + 1);
      return true;
    },
    release(resource, client) {
      const count = (held[resource].get(client) ?? 1) - 1;
      if (count > 0) held[resource].set(client, count);
      else held[resource].delete(client);
    },
    takeExportStart(client) {
      let bucket = buckets.get(client);
      if (!bucket) {
        bucket = tokenBucket(exportsPerMinute / 60, exportsPerMinute);
        buckets.set(client, bucket);
      }
      return bucket.take() ? 0 : Math.max(1, Math.ceil(bucket.waitMs() / 1000));
    },
    close() {
      clearInterval(sweep);
    },
  };
}
