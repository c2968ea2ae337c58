import type { Row, SqlExecutor, SqlParam } from '../sql/SqlClient.ts';

export interface PageByKeyOptions {
  /**
   * One SELECT without ORDER BY or LIMIT, using `$1..$n` for `params`. It is wrapped as a
   * subquery, so filters and joins stay as written; the planner still walks the key's index.
   */
  readonly sql: string;
  readonly params?: readonly SqlParam[];
  /** Output column(s) that identify a row uniquely; pages follow their ascending order. */
  readonly key: string | readonly string[];
  /** Rows per page: pick it so a page stays well under the Data API's 1 MiB response limit. */
  readonly pageSize: number;
  /** Converts a key value from a row back to a parameter (e.g. `param.uuid` for uuid keys). */
  readonly keyParam?: (value: unknown, column: string) => SqlParam;
  /** Called after each page with the running row count. */
  readonly onProgress?: (progress: { pages: number; rows: number; pageSize: number }) => void;
  /** Smallest page size to fall back to when a page is still too large (default 1). */
  readonly minPageSize?: number;
  /** Stops after this many rows (default: all). */
  readonly limitRows?: number;
}

/** Whether an error is the Data API's "response over 1 MiB" (or its 64 KB-per-row) limit. */
export function isResponseTooLarge(error: unknown): boolean {
  const message = (error as { message?: string } | null)?.message ?? '';
  return /response size limit|exceeded size limit|Packet for query is too large/i.test(message);
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Yields a large result in pages by keyset pagination: `WHERE (key) > (last key) ORDER BY key
 * LIMIT n`, so each page is one indexed range read and one Data API response. The Data API
 * answers an error, not a partial result, past 1 MiB; when a page still trips that limit the page
 * size is halved and the same page asked again.
 */
export async function* pageByKey<R extends Row = Row>(
  executor: SqlExecutor,
  options: PageByKeyOptions,
): AsyncGenerator<R[], void, undefined> {
  const keys = typeof options.key === 'string' ? [options.key] : [...options.key];
  if (keys.length === 0) throw new RangeError('pageByKey needs at least one key column');
  for (const key of keys) {
    if (!IDENTIFIER.test(key)) throw new RangeError(`pageByKey key must be a plain column name, got ${key}`);
  }
  if (!Number.isInteger(options.pageSize) || options.pageSize < 1) {
    throw new RangeError(`pageByKey pageSize must be a positive integer, got ${options.pageSize}`);
  }
  const params = options.params ?? [];
  const keyParam = options.keyParam ?? ((value: unknown) => value as SqlParam);
  const minPageSize = options.minPageSize ?? 1;
  const quoted = keys.map((k) => `page."${k}"`);
  const order = quoted.join(', ');
  let pageSize = options.pageSize;
  let after: SqlParam[] | undefined;
  let pages = 0;
  let rows = 0;
  while (options.limitRows === undefined || rows < options.limitRows) {
    const n = params.length;
    const wanted = Math.min(pageSize, (options.limitRows ?? Number.POSITIVE_INFINITY) - rows);
    const where = after ? `WHERE (${order}) > (${keys.map((_, i) => `$${n + 2 + i}`).join(', ')})` : '';
    const text = `SELECT * FROM (${options.sql}) AS page ${where} ORDER BY ${order} LIMIT $${n + 1}`;
    let page: R[];
    try {
      page = (await executor.query<R>(text, [...params, wanted, ...(after ?? [])])).rows;
    } catch (error) {
      if (isResponseTooLarge(error) && pageSize > minPageSize) {
        pageSize = Math.max(minPageSize, Math.floor(pageSize / 2));
        continue;
      }
      throw error;
    }
    if (page.length === 0) return;
    pages += 1;
    rows += page.length;
    const last = page[page.length - 1]!;
    after = keys.map((k) => keyParam(last[k], k));
    options.onProgress?.({ pages, rows, pageSize });
    yield page;
    if (page.length < wanted) return;
  }
}
