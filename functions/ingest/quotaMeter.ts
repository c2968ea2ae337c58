import { BudgetExhaustedError } from './errors.ts';

/** Counts units as calls are attempted and refuses the one that would exceed the budget. */
export interface QuotaMeter {
  readonly budget: number;
  /** Units spent by this run (attempts, retries included: the API charges each). */
  readonly used: number;
  readonly byMethod: Readonly<Record<string, number>>;
  /** Call before each attempt; throws BudgetExhaustedError when the budget is spent. */
  spend(method: string): void;
  /** Keeps `units` back from every method but videos.list (for a batch of videos waiting). */
  reserveForVideos(units: number): void;
  /** Units spent but not yet written to ingest_quota_usage. */
  pending(): number;
  /** Marks `units` of the pending ones as written. */
  persisted(units: number): void;
}

export function createQuotaMeter(budget: number): QuotaMeter {
  let used = 0;
  let written = 0;
  let reserved = 0;
  const byMethod: Record<string, number> = {};
  return {
    budget,
    get used() {
      return used;
    },
    byMethod,
    reserveForVideos(units) {
      reserved = units;
    },
    spend(method) {
      const keep = method === 'videos.list' ? 0 : reserved;
      if (used + keep >= budget)
        throw new BudgetExhaustedError(`this run's budget of ${budget} units is spent`);
      used += 1;
      byMethod[method] = (byMethod[method] ?? 0) + 1;
    },
    pending: () => used - written,
    persisted(units) {
      written += units;
    },
  };
}
