/** A token bucket: `burst` at once, then `ratePerSecond` sustained. */
export interface TokenBucket {
  /** Takes one token; false when the bucket is empty (over the limit). */
  take(): boolean;
  /** Milliseconds until a token is there (0 when one is). */
  waitMs(): number;
  /** Whether the bucket has refilled completely (nothing to remember about its owner). */
  full(): boolean;
}

export function tokenBucket(
  ratePerSecond: number,
  burst: number,
  now: () => number = performance.now.bind(performance),
): TokenBucket {
  let tokens = burst;
  let last = now();
  const refill = () => {
    const t = now();
    tokens = Math.min(burst, tokens + ((t - last) / 1000) * ratePerSecond);
    last = t;
  };
  return {
    take() {
      refill();
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
    waitMs() {
      refill();
      return tokens >= 1 ? 0 : ((1 - tokens) / ratePerSecond) * 1000;
    },
    full() {
      refill();
      return tokens >= burst;
    },
  };
}
