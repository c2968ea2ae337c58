import { isResponseTooLarge } from '../dataApi/pageByKey.ts';

/**
 * Runs `query` over `ids` in slices of `size` and merges the answers. A slice the Data API still
 * refuses as too large (the size is an estimate) is halved and each half asked for again, down to
 * single ids.
 */
export async function queryInSlices<T>(
  ids: readonly string[],
  size: number,
  query: (slice: readonly string[]) => Promise<Map<string, T>>,
): Promise<Map<string, T>> {
  const out = new Map<string, T>();
  const run = async (slice: readonly string[]): Promise<void> => {
    try {
      for (const [k, v] of await query(slice)) out.set(k, v);
    } catch (error) {
      if (slice.length < 2 || !isResponseTooLarge(error)) throw error;
      const half = Math.ceil(slice.length / 2);
      await run(slice.slice(0, half));
      await run(slice.slice(half));
    }
  };
  for (let i = 0; i < ids.length; i += Math.max(1, size)) await run(ids.slice(i, i + Math.max(1, size)));
  return out;
}
