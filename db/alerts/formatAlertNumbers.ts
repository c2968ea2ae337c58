/** Numbers in alert messages: plain English, whatever the reader's locale (mail and chat). */
export const whole = (n: number) => Math.round(n).toLocaleString('en-US');

/** A milestone as people say it: 9K, 10K, 200K, 1M, 2.5B. */
export function compact(n: number): string {
  for (const [size, suffix] of [
    [1e9, 'B'],
    [1e6, 'M'],
    [1e3, 'K'],
  ] as const) {
    if (n >= size) return `${Number((n / size).toPrecision(3))}${suffix}`;
  }
  return String(n);
}

/** A score with at most one decimal: 7.3×. */
export const times = (score: number) => `${Number(score.toFixed(1))}×`;
