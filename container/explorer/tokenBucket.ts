/** A token bucket: `burst` messages at once, then `ratePerSecond` sustained. */
export interface TokenBucket {
  /** Takes one token; false when the bucket is empty (the message is over the limit). */
  take(): boolean;
}

export function tokenBucket(
  ratePerSecond: number,
  burst: number,
  now: () => number = performance.now.bind(performance),
): TokenBucket {
  let tokens = burst;
  let last = now();
  return {
    take() {
      const t = now();
      tokens = Math.min(burst, tokens + ((t - last) / 1000) * ratePerSecond);
      last = t;
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
  };
}
