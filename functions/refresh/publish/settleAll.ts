/**
 * Like Promise.all, but waits for every promise to settle before throwing the first failure:
 * work started together (a run's concurrent transactions) never outlives the run that failed.
 */
export async function settleAll<T extends readonly unknown[]>(
  promises: [...{ [K in keyof T]: Promise<T[K]> }],
): Promise<T> {
  const settled = await Promise.allSettled(promises);
  for (const s of settled) if (s.status === 'rejected') throw s.reason;
  return settled.map((s) => (s as PromiseFulfilledResult<unknown>).value) as unknown as T;
}
