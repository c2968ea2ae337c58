/** What `work` resolved to and how long it took, in seconds (wall clock). */
export async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const value = await work();
  return [value, (performance.now() - started) / 1000];
}

/** A figure rounded for a result file (2 decimals unless told). */
export const round = (n: number, digits = 2) => Number(n.toFixed(digits));
