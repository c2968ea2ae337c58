import { fetchVideos } from './fetchVideos.ts';
import type { IngestContext } from './IngestContext.ts';
import { MAX_RESULTS } from './youtube/YouTubeApi.ts';

/** Collects ids from every tier and fetches them 50 a call, in the order they were added. */
export interface VideoBatcher {
  /** Whether the id is fetched or waiting in the current batch. */
  seen(id: string): boolean;
  /** Adds ids (ignoring seen ones); fetches each batch as soon as it holds 50. */
  add(ids: readonly string[], what: string): Promise<void>;
  /** Fetches the last, partial batch. */
  flush(): Promise<void>;
  readonly pending: number;
}

/**
 * One videos.list call costs 1 unit for 1 id or for 50, so tiers share batches: a tier's last
 * few ids ride with the next tier's first ones instead of costing a call of their own. While a
 * batch waits, the meter keeps 1 unit in reserve for it, so other calls cannot spend the unit
 * that would fetch more valuable videos already found.
 */
export function createVideoBatcher(ctx: IngestContext): VideoBatcher {
  let batch: string[] = [];
  let what = '';
  const send = async () => {
    const ids = batch;
    batch = [];
    ctx.meter.reserveForVideos(0);
    await fetchVideos(ctx, ids, what);
  };
  return {
    seen: (id) => ctx.fetched.has(id) || batch.includes(id),
    async add(ids, label) {
      for (const id of ids) {
        if (ctx.fetched.has(id) || batch.includes(id)) continue;
        if (batch.length === 0) what = label;
        batch.push(id);
        ctx.meter.reserveForVideos(1);
        if (batch.length === MAX_RESULTS) await send();
      }
    },
    async flush() {
      if (batch.length) await send();
    },
    get pending() {
      return batch.length;
    },
  };
}
